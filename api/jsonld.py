"""schema.org JSON-LD built from the public representation, so page and API agree.

Articles are ``MedicalWebPage``s; a stretch guide is a ``MedicalWebPage`` whose
main entity is an ``ExercisePlan`` carrying the dosage; a routine's plan has a
part (an ``ExercisePlan``) per guide, with the routine's dosage. The safety net is a
``WebPageElement`` part of the page (schema.org has no triage type), one
``ItemList`` per level with the number to call as a ``potentialAction``.
"""

CONTEXT = "https://schema.org"
SAFETY_NET_ID = "when-to-get-help"
LEVEL_NAMES = {
    "emergency": "Emergency: call 999 or go to A&E now",
    "urgent": "Urgent: get advice today from NHS 111 or an urgent GP appointment",
    "gp_soon": "See a GP soon",
    "self_care": "Look after yourself",
}


def _safety_net(data: dict) -> dict:
    net = data["safety_net"]
    calls = {"emergency": net["emergency_call"], "urgent": net["urgent_call"]}
    levels = []
    for key, name in LEVEL_NAMES.items():
        if not net[key]:
            continue
        level = {"@type": "ItemList", "name": name, "itemListElement": net[key]}
        if key in calls:
            level["potentialAction"] = {
                "@type": "CommunicateAction",
                "name": calls[key]["label"],
                "target": calls[key]["href"],
            }
        levels.append(level)
    return {
        "@type": "WebPageElement",
        "@id": f"{data['url']}#{SAFETY_NET_ID}",
        "name": "When to get help",
        "cssSelector": f"#{SAFETY_NET_ID}",
        "hasPart": levels,
    }


def _seconds(value: int) -> str:
    return f"PT{value}S"


def _web_page(data: dict, clinic) -> dict:
    review = data["review"]
    return {
        "@context": CONTEXT,
        "@type": "MedicalWebPage",
        "@id": data["url"],
        "url": data["url"],
        "name": data["title"],
        "headline": data["title"],
        "description": data["summary"],
        "inLanguage": "en-GB",
        "datePublished": data["first_published_at"],
        "dateModified": data["updated_at"],
        "lastReviewed": review["last_reviewed"],
        "reviewedBy": {
            "@type": "Person",
            "name": review["reviewer"]["name"],
            "description": review["reviewer"]["credentials"],
        },
        "audience": {"@type": "PatientAudience"},
        "about": [{"@type": "AnatomicalStructure", "name": m["name"]} for m in data["muscles"]],
        "publisher": {"@type": "MedicalClinic", "name": clinic.name},
        "license": data["licence"]["url"],
        "hasPart": [_safety_net(data)],
    }


def article(data: dict, clinic) -> dict:
    return _web_page(data, clinic)


def stretch(data: dict, clinic) -> dict:
    page = _web_page(data, clinic)
    hold = sum(step["hold_seconds"] for step in data["steps"])
    page["mainEntity"] = {
        "@type": "ExercisePlan",
        "name": data["title"],
        "description": data["summary"],
        "exerciseType": "Stretching",
        "intensity": data["difficulty"],
        "repetitions": data["repetitions"],
        "workload": f"{data['sets']} set(s) of {data['repetitions']} repetition(s)",
        "restPeriods": _seconds(data["rest_seconds"]),
        "activityDuration": _seconds(hold),
        "additionalVariable": data["sides"],
        "image": data["illustration"]["url"] if data["illustration"] else None,
    }
    return page


def routine(data: dict, clinic) -> dict:
    page = _web_page(data, clinic)
    parts = [item for item in data["items"] if item["stretch"]]
    page["mainEntity"] = {
        "@type": "ExercisePlan",
        "name": data["title"],
        "description": data["summary"],
        "exerciseType": "Stretching",
        "activityDuration": _seconds(data["total_seconds"]),
        "activityFrequency": data["schedule"],
        "audience": {"@type": "PeopleAudience", "audienceType": data["audience"]},
        "hasPart": [
            {
                "@type": "ExercisePlan",
                "name": item["stretch"]["title"],
                "url": item["stretch"]["url"],
                "repetitions": item["dosage"]["repetitions"],
                "workload": f"{item['dosage']['sets']} set(s) of "
                f"{item['dosage']['repetitions']} repetition(s)",
                "restPeriods": _seconds(item["dosage"]["rest_seconds"]),
                "additionalVariable": item["dosage"]["sides"],
            }
            for item in parts
        ],
    }
    return page
