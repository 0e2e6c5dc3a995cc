/// Report writers for people and machines.
