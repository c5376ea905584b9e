"""A council added or renamed in the admin (Settings > Sites) has its officers' groups at once."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Site

from accounts.site_groups import ROLES, create_site_groups, group_name, rename_council


@receiver(pre_save, sender=Site)
def rename_what_is_named_after_the_site(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk or not instance.site_name:
        return
    old = Site.objects.filter(pk=instance.pk).values_list("site_name", flat=True).first()
    if old and old != instance.site_name:
        rename_council(old, instance.site_name)


@receiver(post_save, sender=Site)
def give_a_site_its_groups(sender, instance, raw=False, **kwargs):
    if raw or not instance.site_name:
        return
    if not Group.objects.filter(name=group_name(instance, ROLES[0])).exists():
        # After the commit: the site's home page and collection must be there to hang rights on.
        transaction.on_commit(lambda: create_site_groups(instance))
