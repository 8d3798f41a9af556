"""The public representation of the library: the one shape partners and our app read."""
