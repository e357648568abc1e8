"""The Workplaces tab (工作单位, issue #26): the list, the workplace page and its sections,
buildings, the union's founding."""
