"""Statistics over evaluation units: bootstrap intervals and paired tests."""

STREAM = 2
"""Version of the random draws of the bootstrap and the randomization test, written at the end
of every signature's ``boot`` field as ``/v2``. Version 2 gives each unit one bit of a 64-bit
word in the randomization test; version 1 (signatures with no ``/v``) drew a whole word per
unit. The bootstrap's draws are the same in both."""
