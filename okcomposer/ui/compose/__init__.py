"""The Post tab: the blocks editor, where to post, the preview, publishing, undo and video uploads."""
