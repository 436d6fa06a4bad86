"""A supervisor's team: mandatory training of the people they lead, and their approvals."""
