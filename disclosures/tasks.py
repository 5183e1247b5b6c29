"""Background generation of a published revision's documents (Celery; eager without a broker).

A published revision never changes, so its PDF is generated once, stored through Django's
storage API and served from there. The task is idempotent: calling it again for a revision
that already has its file does nothing.
"""

import hashlib
import logging

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from budgets.models import PUBLIC_STATUSES, Budget

from .models import DisclosureFile, DisclosureKind
from .pdf import render_pdf

log = logging.getLogger(__name__)


def stored_pdf(budget):
    """The revision's stored PDF when its row and its file both exist, else None."""
    record = DisclosureFile.objects.filter(budget=budget, kind=DisclosureKind.PDF).first()
    if record and record.file.storage.exists(record.file.name):
        return record
    return None


def ensure_pdf(budget):
    """The stored PDF of a public revision, generating and storing it if it is missing."""
    if budget.status not in PUBLIC_STATUSES:
        raise ValueError(f"{budget} 尚未公开，不生成 PDF")
    record = stored_pdf(budget)
    if record:
        return record
    content = render_pdf(budget)
    # A row whose file has gone (storage wiped or restored) is replaced, not trusted.
    DisclosureFile.objects.filter(budget=budget, kind=DisclosureKind.PDF).delete()
    record = DisclosureFile(budget=budget, kind=DisclosureKind.PDF,
                            sha256=hashlib.sha256(content).hexdigest(), size=len(content))
    # An ASCII name in storage (object stores and old tools mangle others); the Chinese
    # download name is given by the download view.
    record.file.save("disclosure.pdf", ContentFile(content), save=False)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        # Another worker stored the same revision first: keep theirs, drop our copy.
        record.file.storage.delete(record.file.name)
        record = DisclosureFile.objects.get(budget=budget, kind=DisclosureKind.PDF)
    log.info("PDF stored: %s (%d bytes)", record.file.name, record.size)
    return record


@shared_task(name="disclosures.generate_pdf")
def generate_pdf(budget_id):
    budget = Budget.objects.select_related("organisation__region", "fiscal_year").get(
        pk=budget_id)
    record = ensure_pdf(budget)
    return record.file.name


def on_published(sender, budget, **kwargs):
    """Receiver of budgets.workflow.published (sent after the publishing commit).

    A failure is logged, not raised: it must not look as if publishing failed, and the
    download view generates a missing PDF on first request."""
    try:
        generate_pdf.delay(budget.pk)
    except Exception:
        log.exception("PDF generation failed for %s; it will be retried on first download",
                      budget)
