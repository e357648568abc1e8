"""The Rooms tab (场地预约): a room's week view and the booking dialog."""
