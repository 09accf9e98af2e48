"""Business settings of the practice questions: who runs the project, what it is, its size.

Questions are drawn across sectors so a learner meets the formulas in the settings the exam
uses (IT, construction, retail, public sector, health care, ...), not only in the course's
retailer. Every organisation here is fictional and described generically.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Setting", "SETTINGS"]


@dataclass(frozen=True)
class Setting:
    """A sector: organisations, projects, a typical project budget ($) and schedule unit."""

    sector: str
    orgs: tuple[str, ...]
    projects: tuple[str, ...]
    scale: float
    time_unit: str = "week"


SETTINGS: tuple[Setting, ...] = (
    Setting("IT", ("a software company", "an insurer's IT department", "a bank's digital team"),
            ("a CRM roll-out", "a data-warehouse migration", "a mobile banking app", "an ERP upgrade",
             "a cloud migration"), 600_000, "week"),
    Setting("construction", ("a general contractor", "a housing association", "a civil-engineering firm"),
            ("a four-storey office block", "a bridge refurbishment", "a school extension",
             "a distribution warehouse", "a riverside apartment block"), 3_000_000, "week"),
    Setting("retail", ("a supermarket chain", "a fashion retailer", "a home-improvement chain"),
            ("a self-checkout roll-out", "a new online shop", "a store refit", "a loyalty app",
             "a click-and-collect service"), 800_000, "week"),
    Setting("public sector", ("a city council", "a national tax agency", "a regional transport authority"),
            ("a digital permit service", "a bus-lane scheme", "a records digitisation project",
             "a new public library", "a citizen self-service portal"), 1_200_000, "month"),
    Setting("health care", ("a regional hospital", "a clinic network", "a health insurer"),
            ("an electronic health record upgrade", "a new outpatient wing", "a telehealth service",
             "a laboratory automation line"), 1_500_000, "week"),
    Setting("manufacturing", ("an automotive supplier", "a food manufacturer", "an electronics maker"),
            ("a new packaging line", "a robotic welding cell", "a manufacturing execution system",
             "a plant expansion"), 2_000_000, "week"),
    Setting("energy", ("a utility", "a wind-farm developer", "a grid operator"),
            ("a smart-meter roll-out", "a substation upgrade", "a solar park", "a battery storage site"),
            4_000_000, "month"),
    Setting("telecom", ("a mobile operator", "a broadband provider"),
            ("a 5G site build-out", "a fibre-to-the-home network", "a billing system replacement",
             "a customer self-care app"), 2_500_000, "week"),
    Setting("logistics", ("a parcel carrier", "a freight forwarder", "a port authority"),
            ("a sorting-hub automation", "a fleet telematics system", "a warehouse management system",
             "a container-yard extension"), 900_000, "week"),
    Setting("education", ("a university", "a school district"),
            ("a learning-management system", "a new science building", "a campus Wi-Fi upgrade",
             "a student records system"), 700_000, "month"),
    Setting("pharmaceuticals", ("a pharmaceutical company", "a medical-device maker"),
            ("a clinical-trial data platform", "a sterile filling line", "a regulatory submission system",
             "a cold-chain distribution upgrade"), 2_000_000, "week"),
    Setting("nonprofit", ("a humanitarian charity", "a community foundation"),
            ("a donor management system", "a water-supply project", "a volunteer app",
             "a regional food bank warehouse"), 400_000, "month"),
)
