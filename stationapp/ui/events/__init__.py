"""The Events tab (活动报名): the list of events with one event's roster, the month calendar with
the coverage check, and the statistics."""
