"""Program management: roll-ups, cross-project dependencies, shared resources, benefits."""
