"""Security basics: sign-in rate limit, deployment checklist, headers, upload size, and no
draft reachable by guessing a URL."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from budgets import workflow
from budgets.models import Budget, BudgetEvent, Status

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def sign_in(client, password):
    return client.post(reverse("admin:login"), {"username": "demo-officer",
                                                "password": password,
                                                "next": reverse("admin:index")})


def test_repeated_wrong_passwords_lock_the_account_out_for_that_address(client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "wrong").status_code == 200
    assert sign_in(client, "wrong").status_code == 429
    response = sign_in(client, "demo-officer")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_right_password_signs_in_before_the_limit(client):
    sign_in(client, "wrong")
    assert sign_in(client, "demo-officer").status_code == 302
    assert client.session["_auth_user_id"]


def test_the_deployment_checklist_is_clean_with_production_settings(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base", "DEBUG": "false",
           "SECRET_KEY": "x7!Kp2#vQ9@mZ4$wL8^bN3&cR6*tY1(uH5)jD0-gF+sA=eW~qT_oI|nM<lK>zX?",
           "HTTPS": "true", "ALLOWED_HOSTS": "budget.example.cn",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
           "STATIC_ROOT": str(tmp_path / "static"), "MEDIA_ROOT": str(tmp_path / "media")}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_pages_carry_the_security_headers(client):
    response = client.get(reverse("admin:login"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1] \
        .split(";")[0]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_hsts_is_sent_over_https_when_configured(client):
    with override_settings(SECURE_HSTS_SECONDS=31_536_000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True):
        response = client.get(reverse("admin:login"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_an_oversized_upload_is_refused_before_it_is_read(client, settings):
    settings.MAX_WORKBOOK_UPLOAD_BYTES = 1024
    published = Budget.objects.get(organisation__code="213011", status=Status.PUBLISHED)
    draft = workflow.correct(published, acting_user=User.objects.get(username="demo-publisher"),
                             reason="上传大小测试")
    client.force_login(User.objects.get(username="demo-officer"))
    big = SimpleUploadedFile("big.xlsx", b"0" * 2048)
    response = client.post(reverse("admin:budgets_budget_upload", args=[draft.pk]),
                           {"workbook": big})
    assert response.status_code == 200
    assert "超过上限" in response.content.decode()
    assert not draft.events.filter(action=BudgetEvent.Action.IMPORT).exists()


def test_uploaded_and_generated_files_are_not_served_by_url(client):
    assert client.get("/media/disclosures/anything.pdf").status_code == 404


def test_a_guessed_draft_url_is_not_found_for_the_public(client):
    published = Budget.objects.get(organisation__code="213011", status=Status.PUBLISHED)
    draft = workflow.correct(published, acting_user=User.objects.get(username="demo-publisher"),
                             reason="猜测网址测试")
    for name in ("change", "download", "history"):
        response = client.get(reverse(f"admin:budgets_budget_{name}", args=[draft.pk]))
        # Anonymous visitors are sent to sign in; nothing of the draft is shown.
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
