"""The Mutual-aid cover page of the Member services tab (互助保障): plans, enrolments, claims."""
