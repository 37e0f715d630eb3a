"""A small made-up strategy in the 2008 layout, in wordings the real strategy does not use, so
the parser is tested on more than the one document it was written for."""

from __future__ import annotations

from pathlib import Path

from graph.model import Document
from graph.sources import line_starts, read_text

SAMPLE = """\
Rivers and Woodland Volunteering Plan

March 2011

Contents

Foreword\t1
Foreword from the Minister for Civil Society\t2
How we prepared this Strategy\t3
The Deal\t4
Our Vision\t5

Foreword

This plan describes how the Department will work with voluntary groups to look after rivers, woods and wetlands.

Voluntary groups already do much of this work with the Cabinet Office and others, often with little help from us. We want to change that, and to do so

openly and step by step.

We will pursue two themes:

- 1) Working in partnership – joint work with voluntary groups on shared aims
- 2) Changing how we operate – improving our own practice so that groups find us easier to work with.



A handwritten signature in green ink, appearing to read 'J. Okafor'.

The Rt Hon Dr Jane Okafor MP
Secretary of State for Rivers,
Woods and Wetlands



A signature in black ink.

Tom Lindqvist
Parliamentary Under-Secretary for Woodland and
Lakes, and the Department's Volunteering Minister

Foreword from the Minister for Civil Society

Volunteers give thousands of hours to rivers and woods every year. This plan makes the most of them.

Sam Patel OBE
Minister for Civil Society
Cabinet Office

How we prepared this Strategy

Nearly 40 community groups came to two listening events in March 2010. We received about 250 written replies by June 2010, and at least twelve regional officers helped us read them.

We met 9 of the Department's regional teams. Fewer than 10 parish councils replied; one of them wrote twice.

Throughout, Natural England gave advice.

The Deal

This plan sets out a bargain between the Department and voluntary groups.

What we ask of voluntary groups:

Support our shared aims by:

- Telling us what works for river clean-up days on the ground
- Recruiting volunteers for tree planting weekends
- Sharing evidence through:
 - publishing yearly results;
 - joining the national river survey.

What we offer to voluntary groups:

- A seat on a new Volunteer Advisory Panel to advise Ministers
- Simpler grant forms for small groups
- Faster payment of river restoration grants, worth £2m a year

Our Vision

What we will have achieved together:

Our five year vision is that the Department and voluntary groups will have together:

- Cleaned every river in the county with the help of WRAP.
- Planted a million trees.

How we will have achieved it:

We will have worked as equals, with Natural England beside us.

Our overall objectives are to:

- Make volunteering easy
- Share what works

Our Strategy – Working in partnership

1. Rivers and wetlands

Overview:

Volunteers care for rivers. We will ask the Environment Agency to help, and follow the five rules of fair funding (see Annex 1) in all our grants, including £50,000 for river wardens.

Objectives:

- To double the number of river clean-up days.

What will success look like?

- Every river has a group looking after it.

Our Strategy – Changing how we operate

2. Grants and payments

Overview:

Grants to voluntary groups must be simple and paid on time.

Objectives:

- To apply the Five Rules of Fair Funding to every grant.

What will success look like?

- Groups are paid within a month.

Monitoring and reviewing our strategy

The Volunteering Minister is the lead Minister for this plan and the Senior Responsible Owner is the Director of Rural Affairs. The new Volunteer Advisory Panel will have a role in checking progress each spring.

Our Actions – Working in partnership

1. Rivers and wetlands

Immediate actions:

- 1.1 Set up the Volunteer Advisory Panel with members from voluntary groups.
- 1.2 Publish a guide to running river clean-up days for voluntary groups.
- 1.3 Fund tree planting weekends with voluntary groups in every region.

Ongoing and longer term actions:

- 1.4 Work with voluntary groups and Natural England on wetland surveys.

Our Actions – Changing how we operate

2. Grants and payments

Immediate actions:

- 2.1 Redesign our grant forms for small groups, with voluntary groups.
- 2.2 Speed up payment of river restoration grants to voluntary groups.
- 2.3 Review how voluntary groups report to us.

Annex 1 – The Five Rules of Fair Funding

- Pay on time;
- Pay the full cost;
- Ask only for what you need;
- Agree outcomes together; and
- Say early if funding will stop.

www.example.org.uk

Notes

Printed on recycled paper.
"""


def write_sample(folder: Path, text: str = SAMPLE) -> Document:
    """Write ``text`` as a source file in ``folder`` and read it back as the strategy document."""
    path = folder / "sample-strategy.txt"
    path.write_text(text, encoding="utf-8")
    content = read_text(path)
    return Document(
        id="sample-2011",
        title="Rivers and Woodland Volunteering Plan",
        publisher="Department for Environment, Food and Rural Affairs",
        date="2011-03",
        kind="strategy",
        path=str(path),
        licence="made up for the tests",
        text=content,
        line_starts=line_starts(content),
    )


def quote_of(document: Document, item) -> str:
    """The document's words at an item's span, white space runs made single (items may cross lines)."""
    return " ".join(document.text[item.span.start:item.span.end].split())
