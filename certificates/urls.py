"""Mounted at /nachweis/ (German) and /en/nachweis/ (English) by config/urls.py."""

from django.urls import path

from certificates import views

app_name = "certificates"
urlpatterns = [
    path("", views.verify_form, name="verify"),
    path("meine/", views.my_certificates, name="mine"),
    path("<str:code>/pdf/", views.certificate_download, name="download"),
    path("<str:code>/", views.verify_detail, name="detail"),
]
