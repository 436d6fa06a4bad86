"""Private files: applicant documents, agreements and certificate PDFs."""

from django.core.files.storage import storages


def private_storage():
    """The `private` storage: no public URL; only views that check permission serve it.

    A callable, so that FileFields resolve the configured backend at run time (local
    folder outside MEDIA_ROOT, or a private S3 bucket in production).
    """
    return storages["private"]
