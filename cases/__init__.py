"""Customer service cases: complaints, their routing and deadlines, conversation, resolutions and measures."""
