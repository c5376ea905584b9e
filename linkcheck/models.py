"""What the last link check found: one row per external address, and where each is used."""

from django.db import models


class CheckedLink(models.Model):
    class Status(models.TextChoices):
        UNCHECKED = "unchecked", "Not checked yet"
        WORKING = "working", "Working"
        REDIRECTED = "redirected", "Redirected"
        BROKEN = "broken", "Broken"

    url = models.URLField(max_length=2000, unique=True)
    status = models.CharField(max_length=12, choices=Status, default=Status.UNCHECKED)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    problem = models.CharField(
        max_length=200, blank=True, help_text="Why the link is broken, in plain words."
    )
    redirects_to = models.URLField(max_length=2000, blank=True)
    last_checked = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["url"]
        verbose_name = "checked link"
        verbose_name_plural = "checked links"

    def __str__(self):
        return self.url


class LinkUse(models.Model):
    """One place an address appears: a page (newsletter issues are pages) or a contact.
    The site says which council it belongs to; none means the national contacts register."""

    link = models.ForeignKey(CheckedLink, on_delete=models.CASCADE, related_name="uses")
    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    contact = models.ForeignKey(
        "contacts.ContactPoint",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    location = models.CharField(
        max_length=250, help_text="Where on the page or contact, such as 'Body › Text'."
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = "link use"
        verbose_name_plural = "link uses"

    def __str__(self):
        return f"{self.link.url} in {self.page or self.contact}: {self.location}"
