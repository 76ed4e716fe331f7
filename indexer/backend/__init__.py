"""Search backends: the protocol every index engine implements, and the choice of one."""
