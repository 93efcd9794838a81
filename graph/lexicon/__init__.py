"""Domain knowledge as data: gazetteers and cue lexicons, with small loaders."""
