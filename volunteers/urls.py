"""Application and host-contact URLs below /freiwilliges-digitales-jahr/.

The listing and the placement pages themselves are routes of the Wagtail ProgrammePage.
"""

from django.urls import path

from volunteers.applications import host_views, views
from volunteers.service import views as service_views
from volunteers.service import zeugnis_views

app_name = "volunteers"

urlpatterns = [
    path("bewerbung/", views.application_overview, name="overview"),
    path("bewerbung/starten/<slug:slug>/", views.apply_start, name="apply_start"),
    path("bewerbung/schritt/<slug:step>/", views.application_step, name="step"),
    path("bewerbung/pruefen/", views.application_review, name="review"),
    path("bewerbung/absenden/", views.application_submit_view, name="submit"),
    path("bewerbung/<int:pk>/<slug:action>/", views.application_action, name="action"),
    path("bewerbung/<int:pk>/<slug:action>/bestaetigen/", views.application_action_confirm,
         name="action_confirm"),
    path("bewerbung/dokument/<int:pk>/", views.document_download, name="document"),
    path("bewerbung/dokument/<int:pk>/loeschen/", views.document_remove,
         name="document_remove"),
    path("bewerbung/einwilligung/<str:token>/", views.guardian_consent,
         name="guardian_consent"),
    path("einsatzstelle/", host_views.host_applications, name="host_applications"),
    path("einsatzstelle/bewerbung/<int:pk>/", host_views.host_application_detail,
         name="host_application"),
    # the service year
    path("mein-dienst/", service_views.my_service, name="my_service"),
    path("vereinbarung/<int:pk>/", service_views.agreement_download, name="agreement_pdf"),
    path("einsatzstelle/dienste/", service_views.host_services, name="host_services"),
    path("einsatzstelle/dienst/<int:pk>/", service_views.host_service_detail,
         name="host_service"),
    path("mein-dienst/zeugnis/", zeugnis_views.zeugnis_request_view, name="zeugnis_request"),
    path("einsatzstelle/dienst/<int:pk>/zeugnis/", zeugnis_views.host_zeugnis,
         name="host_zeugnis"),
]
