"""Learning: enrolments, lesson progress, the completion rule applied, the lesson views."""
