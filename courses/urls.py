from django.urls import path

from courses.learning import views
from courses.quizzes import views as quiz_views

app_name = "courses"

urlpatterns = [
    path("einschreiben/<int:course_id>/", views.enrol, name="enrol"),
    path("abmelden/<int:enrolment_id>/", views.withdraw, name="withdraw"),
    path("lektion/<int:lesson_id>/quiz/", quiz_views.quiz_submit, name="quiz_submit"),
    path("lektion/<int:lesson_id>/gelesen/", views.lesson_viewed, name="lesson_viewed"),
]
