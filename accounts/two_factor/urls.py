"""Second factor for the admin, under /konto/zwei-faktoren/ (included by accounts.urls)."""

from django.urls import path

from accounts.two_factor import views

urlpatterns = [
    path("zwei-faktoren/pruefen/", views.verify, name="two_factor_verify"),
    path("zwei-faktoren/einrichten/", views.setup, name="two_factor_setup"),
    path("zwei-faktoren/wiederherstellungscodes/", views.recovery_codes,
         name="two_factor_recovery"),
]
