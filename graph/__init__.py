"""tsgraph: a sourced knowledge graph of Defra's Third Sector Strategy (2008) and its progress reports.

Stages, one module each, in the order data flows:

- ``sources``         read the manifest and the source texts (``model``: the plain data classes)
- ``parse_strategy``  the 2008 strategy, section by section (``parse``: one module per part): forewords
                      and signatories, development, the Deal, vision, chapters, case studies, monitoring,
                      actions, annexes
- ``parse_progress``  progress reports in the 2009 table format
- ``registry``        curated reference data (organisations, programmes, people, status rules), checked
                      against its JSON Schemas (``schema``); names compare through ``names``, the one
                      normalisation the registry, the matcher and the lookups share
- ``resolve``         mentions, acronyms, money, status, cross-references, unresolved names, Deal links,
                      annex references, signatories' posts
- ``rdf``             the RDF graph
- ``build``           SHACL validation, exports, the lookup ``index`` and the store, atomically
- ``lookup``          fast answers for the CLI from the lookup index
- ``query``           SPARQL over the embedded store or any endpoint
- ``analyse``         networkx analysis
- ``explore``         the offline explorer (maps, matrix, a page per entity, source views)
- ``export``          one module per format: GraphML, GEXF, CSV + data package, Kumu, 360Giving,
                      JSON-LD (with per-action frames), ontology HTML (pyLODE)
- ``tabular``         the one CSV convention of the CLI and the exports
- ``curate``, ``lint``  the curation loop: unresolved names to the registry; the data kept valid and canonical

``errors`` holds the typed exceptions the CLI turns into one-line messages.
"""

__version__ = "0.1.0"
