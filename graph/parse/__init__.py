"""The strategy parser, one module per part of the document and one small function per section.

- ``text``       lines, spans, errors and the helpers every section shares
- ``front``      themes, the vision and overall objectives; where each front section lies
- ``forewords``  forewords and their signature blocks
- ``sections``   how the strategy was developed (with its figures; ``figures`` finds them) and how
                 it is monitored (with who holds which role)
- ``deal``       the Deal: the asks of the sector and the offers to it
- ``chapters``   chapters: overview, objectives, success criteria, case studies
- ``actions``    the numbered actions
- ``annexes``    annexes and their items
- ``sentences``  sentence bounds of a text found in one pass, looked up by bisection (figures and
                 money share it)

``graph.parse_strategy.parse_strategy`` puts them together.
"""
