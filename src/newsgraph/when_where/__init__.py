"""When and where: dates and places of events."""
