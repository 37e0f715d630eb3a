"""The curated data and the source documents, shipped inside the tsgraph package (as graph.data); read through graph.resources."""
