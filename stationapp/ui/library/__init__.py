"""The library tab (职工书屋): catalogue, circulation, boxes lent to workplaces."""
