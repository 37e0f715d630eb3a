"""The ontology and the SHACL shapes, shipped inside the tsgraph package (as graph.ontology); read through graph.resources."""
