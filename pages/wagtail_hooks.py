from wagtail import hooks

from pages.choosers import filter_chooser_queryset

# Page, image and document choosers offer only the council's own items (pages.choosers).
hooks.register("construct_page_chooser_queryset", filter_chooser_queryset)
hooks.register("construct_image_chooser_queryset", filter_chooser_queryset)
hooks.register("construct_document_chooser_queryset", filter_chooser_queryset)
