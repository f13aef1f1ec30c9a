"""Run records, signatures and the Markdown leaderboard."""
