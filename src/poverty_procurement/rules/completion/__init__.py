"""rules/completion"""
