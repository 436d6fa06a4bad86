"""The pädagogische Begleitung's seminar pages in "Mein Bereich" (/mein-bereich/seminartage/)."""

from django.urls import path

from volunteers.seminar_days import views

app_name = "seminar_days"

urlpatterns = [
    path("", views.seminars, name="seminars"),
    path("<int:pk>/<str:day>/", views.day_sheet, name="day"),
]
