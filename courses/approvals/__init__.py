"""Approval requests: a supervisor (or the coordination team) approves what a learner asks for."""
