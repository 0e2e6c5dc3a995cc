/// Vectors, venue recipes and the signing engine.
