"""The vocabularies the projections write, as N-Triples terms (``TS.partner``, ``DCT.isPartOf``)."""

from __future__ import annotations

from .. import vocab
from .context import Terms

TS = Terms(vocab.TS)
SCHEMA = Terms(vocab.SCHEMA)
OA = Terms(vocab.OA)
ORG = Terms(vocab.ORG)
PROV = Terms(vocab.PROV)
SKOS = Terms(vocab.SKOS)
DCT = Terms(vocab.DCTERMS)
FOAF = Terms(vocab.FOAF)
RDFS = Terms(vocab.RDFS)
OWL = Terms(vocab.OWL)
XSD = Terms(vocab.XSD)
A = Terms(vocab.RDF).type
