"""The xAPI and saved-state endpoints, inside the language prefixes so their messages
speak the page's language."""

from django.urls import path

from courses.h5p import endpoint_views as views

app_name = "h5p_xapi"

urlpatterns = [
    path("lektion/<int:lesson_id>/", views.xapi, name="xapi"),
    path("lektion/<int:lesson_id>/zustand/", views.user_data, name="user_data"),
]
