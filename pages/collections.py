"""Each council's images and documents live in a collection of its own, named after the site,
so that per-site groups can be given upload and choose rights on it alone."""

from wagtail.models import Collection


def site_collection(site):
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=site.site_name).first()
    return collection or root.add_child(name=site.site_name)
