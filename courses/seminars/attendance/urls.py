from django.urls import path

from courses.seminars.attendance import views

app_name = "trainer"

urlpatterns = [
    path("", views.sessions, name="sessions"),
    path("<int:session_id>/", views.session_detail, name="session"),
    path("<int:session_id>/unterschriften.pdf", views.signature_sheet, name="signature_sheet"),
]
