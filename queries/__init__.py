"""The SPARQL query library, shipped inside the tsgraph package (as graph.queries); read through graph.resources."""
