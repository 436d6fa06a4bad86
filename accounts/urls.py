from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import oidc_views, registration_views
from accounts.data_rights import views as data_rights_views
from accounts.forms import LoginForm, NewPasswordForm, ResetForm
from accounts.two_factor import urls as two_factor_urls

app_name = "accounts"

urlpatterns = [
    path("anmelden/", auth_views.LoginView.as_view(
        template_name="accounts/login.html", authentication_form=LoginForm,
        redirect_authenticated_user=True), name="login"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("passwort-vergessen/", auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset.html", form_class=ResetForm,
        email_template_name="accounts/email/password_reset.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done")),
        name="password_reset"),
    path("passwort-vergessen/gesendet/", auth_views.PasswordResetDoneView.as_view(
        template_name="accounts/password_reset_done.html"), name="password_reset_done"),
    path("passwort-neu/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html", form_class=NewPasswordForm,
        success_url=reverse_lazy("accounts:password_reset_complete")),
        name="password_reset_confirm"),
    path("passwort-neu/fertig/", auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete"),
    path("registrieren/", registration_views.registration, name="registration"),
    path("registrieren/bestaetigen/<str:token>/", registration_views.registration_confirm_view,
         name="registration_confirm"),
    # Single sign-on for staff (answer 404 while it is not configured).
    path("sso/anmelden/", oidc_views.OidcStartView.as_view(), name="oidc_start"),
    path("sso/callback/", oidc_views.OidcCallbackView.as_view(), name="oidc_callback"),
    path("meine-daten/", data_rights_views.data_rights_page, name="data_rights"),
    path("meine-daten/export/", data_rights_views.export_request_view,
         name="data_rights_export"),
    path("meine-daten/export/<int:pk>/", data_rights_views.export_download,
         name="data_rights_download"),
    path("meine-daten/loeschen/", data_rights_views.deletion_view, name="data_rights_delete"),
    path("meine-daten/geloescht/", data_rights_views.deletion_done,
         name="data_rights_deleted"),
    # Second factor for the admin (accounts.two_factor).
    *two_factor_urls.urlpatterns,
]
