"""The Welfare rounds page of the Member services tab (issue 25)."""
