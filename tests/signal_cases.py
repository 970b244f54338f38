"""Test data for the model-inversion signal detector.

Two sets of payloads, shaped like what real agents see in tool results, retrieval
documents, model responses and log lines:

* :func:`benign_cases` -- ordinary API responses whose numbers are *not* signals (prices,
  counts, timestamps, coordinates, long weather and price series, coarse shares that sum
  to one, sports scores, ratings, ...). The detector must find nothing in them.
* :func:`signal_cases` -- payloads that carry embeddings, fine-grained class
  probabilities, logprobs, retrieval similarity scores or revealing document metadata.
  ``Case.expect`` names every kind that must be found; a detector may find more.
* :func:`numpy_signal_cases` -- a few signal payloads holding numpy arrays and scalars
  (imports numpy, so call it only where numpy is installed).

Everything is deterministic: each builder seeds its own ``random.Random``. Every payload
is JSON-serialisable except the numpy cases and the cases whose name contains ``tuple``.
"""

from __future__ import annotations

import base64
import json
import math
import random
import struct
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

SIGNAL_KINDS: frozenset[str] = frozenset(
    {"embedding", "probabilities", "logprobs", "retrieval_score", "metadata"}
)
CHANNELS: frozenset[str] = frozenset({"tool_output", "retrieval", "model_output", "log"})


@dataclass(frozen=True)
class Case:
    name: str
    domain: str
    channel: str
    payload: Any
    expect: frozenset[str] = frozenset()


# --- generators -----------------------------------------------------------------------

_BASE_TIME = datetime(2026, 11, 26, 0, 0, tzinfo=UTC)


def _embedding(rng: random.Random, dim: int, decimals: int = 7, sigma: float = 0.05) -> list[float]:
    """A raw embedding as APIs return it: normal(0, sigma) floats with many decimals."""
    return [round(rng.gauss(0.0, sigma), decimals) for _ in range(dim)]


def _unit_embedding(rng: random.Random, dim: int, decimals: int = 8) -> list[float]:
    """A unit-normalised embedding (OpenAI, sentence-transformers with normalize=True)."""
    raw = [rng.gauss(0.0, 1.0) for _ in range(dim)]
    norm = math.sqrt(sum(x * x for x in raw))
    return [round(x / norm, decimals) for x in raw]


def _b64_f32(values: list[float]) -> str:
    """Little-endian float32 blob, as ``encoding_format="base64"`` returns it."""
    return base64.b64encode(struct.pack(f"<{len(values)}f", *values)).decode("ascii")


def _b64_f16(values: list[float]) -> str:
    """Little-endian float16 blob."""
    return base64.b64encode(struct.pack(f"<{len(values)}e", *values)).decode("ascii")


def _probs(rng: random.Random, n: int, decimals: int = 4, sharpness: float = 2.5) -> list[float]:
    """A fine-grained probability vector (softmax of random logits) that sums to 1."""
    logits = [rng.gauss(0.0, sharpness) for _ in range(n)]
    top = max(logits)
    exps = [math.exp(x - top) for x in logits]
    total = sum(exps)
    probs = [round(e / total, decimals) for e in exps]
    peak = probs.index(max(probs))
    probs[peak] = round(probs[peak] + 1.0 - sum(probs), decimals)
    return probs


def _logits(rng: random.Random, n: int, decimals: int = 4) -> list[float]:
    return [round(rng.gauss(0.0, 2.0), decimals) for _ in range(n)]


def _fine(rng: random.Random, lo: float, hi: float, decimals: int = 5) -> float:
    return round(rng.uniform(lo, hi), decimals)


def _walk(
    rng: random.Random, n: int, start: float, step: float, decimals: int, lo: float | None = None
) -> list[float]:
    """A random walk, e.g. a price or sensor series, rounded to ``decimals``."""
    out: list[float] = []
    value = start
    for _ in range(n):
        value += rng.gauss(0.0, step)
        if lo is not None and value < lo:
            value = lo + abs(rng.gauss(0.0, step))
        out.append(round(value, decimals))
    return out


def _hours(n: int, start: datetime = _BASE_TIME, fmt: str = "%Y-%m-%dT%H:%M") -> list[str]:
    return [(start + timedelta(hours=i)).strftime(fmt) for i in range(n)]


def _iso(offset_minutes: int) -> str:
    return (_BASE_TIME + timedelta(minutes=offset_minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _diurnal(rng: random.Random, n: int, mean: float, amp: float, decimals: int = 1) -> list[float]:
    return [
        round(mean + amp * math.sin((i % 24 - 9) / 24 * 2 * math.pi) + rng.gauss(0, 0.4), decimals)
        for i in range(n)
    ]


def _chat_logprobs(rng: random.Random, tokens: list[str], top: int = 3) -> dict[str, Any]:
    """OpenAI chat completions ``choices[0].logprobs`` (``content`` list)."""
    content = []
    for tok in tokens:
        lp = round(-rng.expovariate(4.0), 8)
        alts = [{"token": tok, "logprob": lp, "bytes": list(tok.encode())}]
        for alt in (" a", " the", " it", " this")[: top - 1]:
            alp = round(lp - rng.uniform(1.5, 9.0), 8)
            alts.append({"token": alt, "logprob": alp, "bytes": list(alt.encode())})
        content.append(
            {"token": tok, "logprob": lp, "bytes": list(tok.encode()), "top_logprobs": alts}
        )
    return {"content": content, "refusal": None}


def _legacy_logprobs(rng: random.Random, tokens: list[str]) -> dict[str, Any]:
    """Legacy completions ``choices[0].logprobs`` (parallel lists)."""
    token_logprobs = [round(-rng.expovariate(3.0), 7) for _ in tokens]
    top = [
        {tok: lp, " and": round(lp - rng.uniform(1, 6), 7)}
        for tok, lp in zip(tokens, token_logprobs, strict=True)
    ]
    offsets = []
    pos = 0
    for tok in tokens:
        offsets.append(pos)
        pos += len(tok)
    return {
        "tokens": tokens,
        "token_logprobs": token_logprobs,
        "top_logprobs": top,
        "text_offset": offsets,
    }


def _b(name: str, domain: str, channel: str, payload: Any) -> Case:
    return Case(name=name, domain=domain, channel=channel, payload=payload)


def _s(name: str, domain: str, channel: str, payload: Any, *kinds: str) -> Case:
    return Case(name=name, domain=domain, channel=channel, payload=payload, expect=frozenset(kinds))


def _doc(text: str, **metadata: Any) -> dict[str, Any]:
    """A LangChain-style retrieval document."""
    return {"page_content": text, "metadata": metadata, "type": "Document"}


# --- benign ---------------------------------------------------------------------------


def _benign_commerce(rng: random.Random) -> list[Case]:
    d, ch = "commerce", "tool_output"
    catalog = [
        {
            "sku": f"SKU-{10400 + i}",
            "name": f"Cotton T-shirt, size {('S', 'M', 'L', 'XL')[i % 4]}",
            "price": round(9.99 + 5 * (i % 7), 2),
            "currency": "EUR",
            "stock": rng.randint(0, 240),
        }
        for i in range(40)
    ]
    return [
        _b(
            "product_detail",
            d,
            ch,
            {
                "id": 884213,
                "title": "Stainless steel water bottle 750 ml",
                "price": 24.99,
                "compare_at_price": 29.99,
                "currency": "USD",
                "in_stock": True,
                "inventory_quantity": 132,
                "weight_grams": 340,
                "dimensions_cm": [7.5, 7.5, 26.0],
                "tags": ["outdoor", "kitchen"],
                "rating": 4.5,
                "review_count": 1287,
            },
        ),
        _b(
            "shopping_cart",
            d,
            ch,
            {
                "cart_id": "cart_20261126_0042",
                "items": [
                    {"sku": "SKU-10412", "qty": 2, "unit_price": 14.99, "line_total": 29.98},
                    {"sku": "SKU-22001", "qty": 1, "unit_price": 89.0, "line_total": 89.0},
                ],
                "subtotal": 118.98,
                "discount": 11.9,
                "tax": 20.34,
                "shipping": 4.95,
                "total": 132.37,
            },
        ),
        _b(
            "order_confirmation",
            d,
            ch,
            {
                "order_number": "ORD-2026-118734",
                "status": "paid",
                "placed_at": "2026-11-25T18:42:11Z",
                "total": {"amount": 132.37, "currency": "EUR"},
                "items": 3,
                "shipping_address": {"city": "Lyon", "postcode": "69002", "country": "FR"},
                "estimated_delivery": "2026-11-29",
            },
        ),
        _b(
            "catalog_page_40_products",
            d,
            ch,
            {"page": 1, "per_page": 40, "total": 812, "items": catalog},
        ),
        _b(
            "price_list_long",
            d,
            ch,
            {
                "currency": "USD",
                "prices": [round(4.99 + 0.5 * i + (i % 3) * 0.25, 2) for i in range(64)],
            },
        ),
        _b(
            "shipping_rates",
            d,
            ch,
            {
                "rates": [
                    {"carrier": "DHL", "service": "Express", "amount": 18.5, "days": 1},
                    {"carrier": "UPS", "service": "Ground", "amount": 7.25, "days": 4},
                    {"carrier": "USPS", "service": "Priority", "amount": 9.8, "days": 2},
                ]
            },
        ),
        _b(
            "product_reviews",
            d,
            ch,
            {
                "product_id": 884213,
                "average_rating": 4.37,
                "count": 1287,
                "histogram": {"5": 812, "4": 301, "3": 98, "2": 41, "1": 35},
                "reviews": [
                    {
                        "author": "Maya R.",
                        "rating": 5,
                        "title": "Keeps water cold all day",
                        "helpful": 42,
                    },
                    {"author": "Tom B.", "rating": 3.5, "title": "Lid leaks a bit", "helpful": 7},
                ],
            },
        ),
        _b(
            "search_facets",
            d,
            ch,
            {
                "query": "running shoes",
                "total_hits": 486,
                "facets": {
                    "brand": {"Asics": 88, "Nike": 152, "Brooks": 61},
                    "size": {"42": 120, "43": 131, "44": 97},
                    "price_range": [
                        {"from": 0, "to": 50, "count": 41},
                        {"from": 50, "to": 100, "count": 210},
                    ],
                },
            },
        ),
        _b(
            "inventory_levels_by_warehouse",
            d,
            ch,
            {
                "sku": "SKU-10412",
                "warehouses": [
                    {
                        "code": f"WH{i:02d}",
                        "on_hand": rng.randint(0, 900),
                        "reserved": rng.randint(0, 40),
                    }
                    for i in range(12)
                ],
            },
        ),
        _b(
            "coupon_validation",
            d,
            ch,
            {
                "code": "WINTER15",
                "valid": True,
                "percent_off": 15,
                "min_order": 50.0,
                "expires": "2026-12-31",
            },
        ),
        _b(
            "order_history_json_text",
            d,
            ch,
            json.dumps(
                {
                    "orders": [
                        {
                            "number": f"ORD-2026-11{8700 + i}",
                            "total": round(19.9 + 7.3 * i, 2),
                            "status": "delivered",
                        }
                        for i in range(6)
                    ],
                    "pagination": {
                        "page": 2,
                        "per_page": 6,
                        "total_pages": 9,
                        "next": "/orders?page=3",
                    },
                }
            ),
        ),
    ]


def _benign_weather(rng: random.Random) -> list[Case]:
    d, ch = "weather", "tool_output"
    n = 168
    return [
        _b(
            "openmeteo_hourly_forecast_168h",
            d,
            ch,
            {
                "latitude": 52.52,
                "longitude": 13.419998,
                "generationtime_ms": 0.0821352005004883,
                "utc_offset_seconds": 0,
                "timezone": "GMT",
                "elevation": 38.0,
                "hourly_units": {
                    "time": "iso8601",
                    "temperature_2m": "°C",
                    "relative_humidity_2m": "%",
                    "precipitation_probability": "%",
                    "wind_speed_10m": "km/h",
                },
                "hourly": {
                    "time": _hours(n),
                    "temperature_2m": _diurnal(rng, n, 4.0, 3.5),
                    "relative_humidity_2m": [rng.randint(55, 98) for _ in range(n)],
                    "precipitation_probability": [
                        rng.choice((0, 3, 10, 23, 45, 68, 90)) for _ in range(n)
                    ],
                    "wind_speed_10m": [round(abs(rng.gauss(12, 5)), 1) for _ in range(n)],
                },
            },
        ),
        _b(
            "openmeteo_hourly_48h_only_temperature",
            d,
            ch,
            {
                "hourly": {"time": _hours(48), "temperature_2m": _diurnal(rng, 48, 21.0, 6.0)},
            },
        ),
        _b(
            "openmeteo_daily_7d",
            d,
            ch,
            {
                "daily": {
                    "time": [
                        f"2026-11-{26 + i}" if 26 + i <= 30 else f"2026-12-{i - 4:02d}"
                        for i in range(7)
                    ],
                    "temperature_2m_max": [6.1, 7.4, 5.0, 3.2, 4.8, 8.9, 9.3],
                    "temperature_2m_min": [-0.4, 1.2, 0.3, -2.1, -1.0, 2.2, 3.4],
                    "precipitation_sum": [0.0, 2.3, 11.8, 0.4, 0.0, 0.0, 5.1],
                    "precipitation_probability_max": [10, 55, 97, 35, 3, 0, 61],
                }
            },
        ),
        _b(
            "openweathermap_current",
            d,
            ch,
            {
                "coord": {"lon": -0.1257, "lat": 51.5085},
                "weather": [
                    {"id": 803, "main": "Clouds", "description": "broken clouds", "icon": "04d"}
                ],
                "main": {
                    "temp": 282.55,
                    "feels_like": 281.86,
                    "temp_min": 280.37,
                    "temp_max": 284.26,
                    "pressure": 1023,
                    "humidity": 100,
                },
                "visibility": 10000,
                "wind": {"speed": 1.5, "deg": 350},
                "clouds": {"all": 75},
                "dt": 1796205600,
                "sys": {"country": "GB", "sunrise": 1796183012, "sunset": 1796213391},
                "timezone": 0,
                "id": 2643743,
                "name": "London",
                "cod": 200,
            },
        ),
        _b(
            "air_quality_hourly_pm25_72h",
            d,
            ch,
            {
                "hourly": {
                    "time": _hours(72),
                    "pm2_5": _walk(rng, 72, 12.0, 1.8, 1, lo=0.5),
                    "pm10": _walk(rng, 72, 20.0, 2.5, 1, lo=1.0),
                    "european_aqi": [rng.randint(15, 60) for _ in range(72)],
                }
            },
        ),
        _b(
            "marine_wave_heights_96",
            d,
            ch,
            {
                "hourly": {
                    "time": _hours(96),
                    "wave_height": _walk(rng, 96, 1.4, 0.12, 2, lo=0.1),
                    "wave_period": _walk(rng, 96, 8.0, 0.4, 2, lo=3.0),
                },
            },
        ),
        _b(
            "nws_alerts",
            d,
            ch,
            {
                "features": [
                    {
                        "properties": {
                            "event": "Winter Storm Warning",
                            "severity": "Severe",
                            "certainty": "Likely",
                            "urgency": "Expected",
                            "areaDesc": "Northern Berkshire",
                            "onset": "2026-11-27T18:00:00-05:00",
                            "headline": "Winter Storm Warning issued November 26 at 3:12PM EST",
                        }
                    }
                ]
            },
        ),
        _b(
            "climate_monthly_normals",
            d,
            ch,
            {
                "station": "USW00094728",
                "normals": [
                    {"month": m, "tavg_f": t, "prcp_in": p}
                    for m, t, p in zip(
                        range(1, 13),
                        [33.7, 35.9, 42.8, 53.7, 63.2, 72.0, 77.5, 76.1, 69.2, 57.9, 48.0, 39.1],
                        [3.64, 3.19, 4.29, 4.09, 3.96, 4.54, 4.6, 4.56, 4.31, 4.38, 3.58, 4.38],
                        strict=True,
                    )
                ],
            },
        ),
    ]


def _benign_maps(rng: random.Random) -> list[Case]:
    d, ch = "maps", "tool_output"
    ring = []
    for i in range(80):
        a = 2 * math.pi * i / 80
        r = 0.02 + 0.004 * math.sin(5 * a)
        ring.append([round(13.404954 + r * math.cos(a), 6), round(52.520008 + r * math.sin(a), 6)])
    ring.append(ring[0])
    route = [
        [
            round(-122.4194 + 0.0011 * i + rng.gauss(0, 0.0002), 6),
            round(37.7749 + 0.0007 * i + rng.gauss(0, 0.0002), 6),
        ]
        for i in range(120)
    ]
    flat_path = [c for pt in route[:40] for c in pt]
    return [
        _b(
            "geojson_polygon_ring_81_points",
            d,
            ch,
            {
                "type": "Feature",
                "properties": {"name": "Delivery zone Mitte", "zone_id": 17},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            },
        ),
        _b(
            "geojson_linestring_route_120_points",
            d,
            ch,
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"distance_m": 14182.4, "duration_s": 1710.3},
                        "geometry": {"type": "LineString", "coordinates": route},
                    }
                ],
            },
        ),
        _b("flat_polyline_lonlat_80_floats", d, ch, {"route_id": "r-88", "path": flat_path}),
        _b(
            "encoded_polyline_directions",
            d,
            ch,
            {
                "routes": [
                    {
                        "summary": "I-280 S",
                        "overview_polyline": {"points": "_p~iF~ps|U_ulLnnqC_mqNvxq`@"},
                        "legs": [
                            {
                                "distance": {"text": "46.8 km", "value": 46814},
                                "duration": {"text": "35 mins", "value": 2104},
                                "steps": [
                                    {
                                        "html_instructions": "Head south on Market St",
                                        "distance": {"value": 201},
                                    }
                                ],
                            }
                        ],
                    }
                ],
                "status": "OK",
            },
        ),
        _b(
            "geocoding_result",
            d,
            ch,
            {
                "results": [
                    {
                        "formatted_address": "10 Downing St, London SW1A 2AA, UK",
                        "geometry": {
                            "location": {"lat": 51.5033635, "lng": -0.1276248},
                            "location_type": "ROOFTOP",
                            "viewport": {
                                "northeast": {"lat": 51.5047124, "lng": -0.1262758},
                                "southwest": {"lat": 51.5020145, "lng": -0.1289737},
                            },
                        },
                        "place_id": "ChIJRxzRQcUEdkgRGVaKyzmkgvg",
                        "types": ["street_address"],
                    }
                ]
            },
        ),
        _b(
            "places_nearby",
            d,
            ch,
            {
                "results": [
                    {
                        "name": f"Café {n}",
                        "lat": round(48.8566 + rng.uniform(-0.01, 0.01), 7),
                        "lng": round(2.3522 + rng.uniform(-0.01, 0.01), 7),
                        "rating": round(rng.uniform(3.5, 4.9), 1),
                        "user_ratings_total": rng.randint(20, 3000),
                        "price_level": rng.randint(1, 3),
                    }
                    for n in ("Lumière", "du Marché", "Central", "Saint-Paul", "des Arts")
                ]
            },
        ),
        _b(
            "distance_matrix",
            d,
            ch,
            {
                "rows": [
                    {
                        "elements": [
                            {"distance": {"value": v}, "duration": {"value": t}, "status": "OK"}
                            for v, t in ((1204, 310), (8842, 1190), (15230, 1805))
                        ]
                    }
                    for _ in range(3)
                ]
            },
        ),
        _b(
            "elevation_profile_64",
            d,
            ch,
            {
                "samples": 64,
                "elevations_m": _walk(rng, 64, 812.0, 6.5, 1),
                "resolution_m": 9.543,
            },
        ),
        _b("city_bounding_box", d, ch, {"city": "Zurich", "bbox": [8.448, 47.32, 8.625, 47.435]}),
        _b(
            "gps_track_points",
            d,
            ch,
            {
                "track": [
                    {
                        "lat": round(46.0207 + 0.00031 * i, 6),
                        "lon": round(7.7491 + 0.00022 * i, 6),
                        "ele": round(1620 + 2.4 * i, 1),
                        "time": _iso(i),
                    }
                    for i in range(50)
                ]
            },
        ),
    ]


def _benign_analytics(rng: random.Random) -> list[Case]:
    d, ch = "analytics", "tool_output"
    return [
        _b(
            "traffic_source_shares_coarse",
            d,
            ch,
            {
                "period": "2026-11",
                "sessions": 48210,
                "share_by_source": {"organic": 0.45, "direct": 0.35, "referral": 0.2},
            },
        ),
        _b(
            "device_breakdown_shares",
            d,
            ch,
            {
                "devices": [
                    {"device": "mobile", "share": 0.62},
                    {"device": "desktop", "share": 0.31},
                    {"device": "tablet", "share": 0.07},
                ],
            },
        ),
        _b(
            "daily_pageviews_90d",
            d,
            ch,
            {
                "metric": "pageviews",
                "start": "2026-08-28",
                "values": [rng.randint(1800, 5200) for _ in range(90)],
            },
        ),
        _b(
            "hourly_sessions_24",
            d,
            ch,
            {"hours": list(range(24)), "sessions": [rng.randint(40, 900) for _ in range(24)]},
        ),
        _b(
            "ga4_style_report_rows",
            d,
            ch,
            {
                "dimensionHeaders": [{"name": "country"}],
                "metricHeaders": [
                    {"name": "activeUsers", "type": "TYPE_INTEGER"},
                    {"name": "bounceRate", "type": "TYPE_FLOAT"},
                ],
                "rows": [
                    {
                        "dimensionValues": [{"value": c}],
                        "metricValues": [{"value": str(u)}, {"value": b}],
                    }
                    for c, u, b in (
                        ("Germany", 8123, "0.41"),
                        ("France", 5410, "0.38"),
                        ("Spain", 2077, "0.47"),
                    )
                ],
                "rowCount": 3,
            },
        ),
        _b(
            "funnel_conversion",
            d,
            ch,
            {
                "steps": [
                    {"step": "visit", "users": 10000, "rate": 1.0},
                    {"step": "signup", "users": 2300, "rate": 0.23},
                    {"step": "trial", "users": 910, "rate": 0.09},
                    {"step": "paid", "users": 212, "rate": 0.02},
                ]
            },
        ),
        _b(
            "cohort_retention_table",
            d,
            ch,
            {
                "cohorts": [
                    {
                        "cohort": f"2026-{m:02d}",
                        "size": rng.randint(800, 1500),
                        "retention": [1.0, 0.42, 0.33, 0.28, 0.25, 0.23][
                            : 12 - m + 1 if m > 6 else 6
                        ],
                    }
                    for m in range(1, 12)
                ]
            },
        ),
        _b(
            "ab_test_result",
            d,
            ch,
            {
                "experiment": "checkout-button-color",
                "variants": {
                    "control": {"users": 10231, "conversions": 512, "conversion_rate": 0.05},
                    "green": {"users": 10188, "conversions": 571, "conversion_rate": 0.056},
                },
                "relative_uplift_pct": 12.0,
                "p_value": 0.031,
                "significant": True,
            },
        ),
        _b(
            "campaign_table_csvish",
            d,
            ch,
            {
                "columns": ["campaign", "clicks", "cost", "cpc", "ctr_pct"],
                "rows": [
                    ["black-friday", 12044, 5120.5, 0.43, 3.1],
                    ["newsletter", 2210, 0.0, 0.0, 8.4],
                    ["retargeting", 4580, 1722.0, 0.38, 1.9],
                ],
            },
        ),
        _b(
            "nps_survey_breakdown",
            d,
            ch,
            {"responses": 412, "nps": 38, "promoters": 0.52, "passives": 0.34, "detractors": 0.14},
        ),
    ]


def _benign_healthcare(rng: random.Random) -> list[Case]:
    d, ch = "healthcare", "tool_output"
    ecg = [
        int(
            1000 * math.sin(i / 6.0) * math.exp(-(((i % 150) - 40) ** 2) / 80)
            + rng.randint(-12, 12)
        )
        for i in range(500)
    ]
    return [
        _b(
            "vital_signs",
            d,
            ch,
            {
                "patient_ref": "MRN-004812",
                "recorded_at": "2026-11-26T08:15:00Z",
                "heart_rate_bpm": 72,
                "blood_pressure": {"systolic": 128, "diastolic": 82},
                "temperature_c": 36.8,
                "spo2_pct": 97,
                "respiratory_rate": 16,
                "weight_kg": 81.4,
            },
        ),
        _b(
            "lab_panel_results",
            d,
            ch,
            {
                "panel": "Basic metabolic panel",
                "results": [
                    {"test": "Glucose", "value": 94, "unit": "mg/dL", "ref_range": [70, 99]},
                    {
                        "test": "Creatinine",
                        "value": 0.92,
                        "unit": "mg/dL",
                        "ref_range": [0.74, 1.35],
                    },
                    {"test": "Potassium", "value": 4.1, "unit": "mmol/L", "ref_range": [3.5, 5.1]},
                    {"test": "HbA1c", "value": 5.6, "unit": "%", "ref_range": [4.0, 5.6]},
                    {"test": "TSH", "value": 2.345, "unit": "mIU/L", "ref_range": [0.45, 4.5]},
                ],
            },
        ),
        _b(
            "ecg_samples_500_ints",
            d,
            ch,
            {"lead": "II", "sample_rate_hz": 250, "units": "uV", "samples": ecg},
        ),
        _b(
            "cgm_glucose_readings_288",
            d,
            ch,
            {
                "device": "cgm",
                "interval_min": 5,
                "mg_dl": [int(v) for v in _walk(rng, 288, 110, 3.0, 0, lo=55)],
            },
        ),
        _b(
            "spo2_series_float_60",
            d,
            ch,
            {"spo2": [round(min(100.0, 97 + rng.gauss(0, 0.8)), 1) for _ in range(60)]},
        ),
        _b(
            "medication_list",
            d,
            ch,
            {
                "medications": [
                    {"name": "Metformin", "dose_mg": 500, "frequency": "BID"},
                    {"name": "Lisinopril", "dose_mg": 10, "frequency": "QD"},
                    {"name": "Atorvastatin", "dose_mg": 20, "frequency": "QHS"},
                ]
            },
        ),
        _b(
            "appointment_slots",
            d,
            ch,
            {
                "clinic": "Cardiology",
                "slots": [
                    {"start": _iso(60 * 9 + 30 * i), "duration_min": 30, "available": i % 3 != 0}
                    for i in range(10)
                ],
            },
        ),
        _b(
            "bmi_and_growth_percentile",
            d,
            ch,
            {"height_cm": 172.5, "weight_kg": 68.2, "bmi": 22.9, "bmi_percentile": 55},
        ),
        _b(
            "fhir_observation_bp",
            d,
            ch,
            {
                "resourceType": "Observation",
                "status": "final",
                "code": {
                    "coding": [
                        {
                            "system": "http://loinc.org",
                            "code": "85354-9",
                            "display": "Blood pressure",
                        }
                    ]
                },
                "component": [
                    {
                        "code": {"coding": [{"code": "8480-6"}]},
                        "valueQuantity": {"value": 128, "unit": "mmHg"},
                    },
                    {
                        "code": {"coding": [{"code": "8462-4"}]},
                        "valueQuantity": {"value": 82, "unit": "mmHg"},
                    },
                ],
            },
        ),
    ]


def _benign_finance(rng: random.Random) -> list[Case]:
    d, ch = "finance", "tool_output"
    closes = _walk(rng, 60, 187.2, 1.9, 2)
    candles = []
    for i, c in enumerate(closes):
        o = round(c + rng.gauss(0, 0.8), 2)
        candles.append(
            {
                "date": (_BASE_TIME - timedelta(days=60 - i)).strftime("%Y-%m-%d"),
                "open": o,
                "high": round(max(o, c) + abs(rng.gauss(0, 0.9)), 2),
                "low": round(min(o, c) - abs(rng.gauss(0, 0.9)), 2),
                "close": c,
                "volume": rng.randint(30_000_000, 90_000_000),
            }
        )
    fx = {
        "AUD": 1.5231,
        "BGN": 1.9558,
        "BRL": 5.8412,
        "CAD": 1.4712,
        "CHF": 0.9387,
        "CNY": 7.6123,
        "CZK": 25.127,
        "DKK": 7.4589,
        "GBP": 0.83425,
        "HKD": 8.1723,
        "HUF": 409.33,
        "IDR": 16712.43,
        "ILS": 3.8911,
        "INR": 88.6325,
        "ISK": 146.3,
        "JPY": 160.87,
        "KRW": 1471.22,
        "MXN": 21.3447,
        "MYR": 4.7121,
        "NOK": 11.7412,
        "NZD": 1.7982,
        "PHP": 61.528,
        "PLN": 4.2615,
        "RON": 4.9771,
        "SEK": 11.4105,
        "SGD": 1.4088,
        "THB": 36.432,
        "TRY": 36.2154,
        "USD": 1.0503,
        "ZAR": 19.0124,
    }
    return [
        _b(
            "stock_quote",
            d,
            ch,
            {
                "symbol": "AAPL",
                "price": 189.43,
                "change": -1.12,
                "change_percent": -0.59,
                "volume": 51234981,
                "market_cap": 2_931_000_000_000,
                "pe_ratio": 29.41,
            },
        ),
        _b("stock_ohlc_60_days", d, ch, {"symbol": "AAPL", "interval": "1d", "candles": candles}),
        _b(
            "stock_close_series_flat_120",
            d,
            ch,
            {"symbol": "MSFT", "closes": _walk(rng, 120, 412.5, 3.1, 2)},
        ),
        _b("fx_rates_30_currencies", d, ch, {"base": "EUR", "date": "2026-11-25", "rates": fx}),
        _b(
            "fx_rates_json_text",
            d,
            ch,
            json.dumps(
                {
                    "base": "USD",
                    "rates": {"EUR": 0.95211, "GBP": 0.79431, "JPY": 153.162, "CHF": 0.89371},
                }
            ),
        ),
        _b(
            "crypto_ticker",
            d,
            ch,
            {
                "pair": "BTC-EUR",
                "bid": 87123.45,
                "ask": 87125.1,
                "last": 87124.0,
                "volume_24h": 1832.51932,
                "change_24h_pct": 2.14,
            },
        ),
        _b(
            "portfolio_allocation_coarse",
            d,
            ch,
            {
                "portfolio": "balanced",
                "allocation": {"VTI": 0.4, "VXUS": 0.2, "BND": 0.3, "cash": 0.1},
                "value": 125430.22,
            },
        ),
        _b(
            "bank_transactions",
            d,
            ch,
            {
                "account": "DE89 **** **** 3000",
                "transactions": [
                    {"date": "2026-11-2" + str(i), "amount": a, "currency": "EUR", "description": t}
                    for i, (a, t) in enumerate(
                        (
                            (-42.1, "Supermarket"),
                            (-9.99, "Streaming"),
                            (2350.0, "Salary"),
                            (-120.0, "Electricity"),
                            (-3.5, "Coffee"),
                        )
                    )
                ],
                "balance": 4512.77,
            },
        ),
        _b(
            "credit_score_report",
            d,
            ch,
            {
                "credit_score": 712,
                "range": [300, 850],
                "bureau": "Experian",
                "factors": ["utilization", "account age"],
                "utilization_pct": 23,
            },
        ),
        _b(
            "loan_amortization_36",
            d,
            ch,
            {
                "principal": 20000,
                "annual_rate_pct": 6.9,
                "schedule": [
                    {
                        "n": k,
                        "payment": 616.6,
                        "interest": round(115.0 - 3.2 * k, 2),
                        "principal": round(501.6 + 3.2 * k, 2),
                    }
                    for k in range(1, 37)
                ],
            },
        ),
        _b(
            "treasury_yield_curve",
            d,
            ch,
            {
                "date": "2026-11-25",
                "yields_pct": {
                    "1M": 4.52,
                    "3M": 4.49,
                    "6M": 4.41,
                    "1Y": 4.28,
                    "2Y": 4.19,
                    "5Y": 4.12,
                    "10Y": 4.31,
                    "30Y": 4.52,
                },
            },
        ),
        _b(
            "invoice",
            d,
            ch,
            {
                "invoice_no": "INV-2026-0912",
                "lines": [
                    {"desc": "Consulting", "hours": 12.5, "rate": 140.0, "amount": 1750.0},
                    {"desc": "Travel", "hours": 0, "rate": 0, "amount": 212.4},
                ],
                "vat_rate": 0.19,
                "total": 2335.36,
            },
        ),
        _b(
            "energy_day_ahead_prices_96",
            d,
            ch,
            {
                "area": "DE-LU",
                "unit": "EUR/kWh",
                "prices": [
                    {
                        "startsAt": _iso(15 * i),
                        "total": round(0.21 + 0.06 * math.sin(i / 15) + rng.gauss(0, 0.004), 4),
                    }
                    for i in range(96)
                ],
            },
        ),
    ]


def _benign_misc(rng: random.Random) -> list[Case]:
    t = "tool_output"
    return [
        # travel
        _b(
            "flight_search_offers",
            "travel",
            t,
            {
                "offers": [
                    {
                        "carrier": "LH",
                        "flight": "LH 1123",
                        "depart": "2026-12-03T07:10",
                        "arrive": "2026-12-03T09:05",
                        "stops": 0,
                        "price": {"total": 189.4, "currency": "EUR"},
                        "seats_left": 4,
                    },
                    {
                        "carrier": "AF",
                        "flight": "AF 1415",
                        "depart": "2026-12-03T11:25",
                        "arrive": "2026-12-03T15:50",
                        "stops": 1,
                        "price": {"total": 142.0, "currency": "EUR"},
                        "seats_left": 9,
                    },
                ]
            },
        ),
        _b(
            "hotel_availability",
            "travel",
            t,
            {
                "hotel": "Hotel Sacher",
                "rooms": [
                    {
                        "type": "Double",
                        "nightly_rate": 329.0,
                        "nights": 3,
                        "total": 987.0,
                        "refundable": True,
                    },
                    {
                        "type": "Suite",
                        "nightly_rate": 890.0,
                        "nights": 3,
                        "total": 2670.0,
                        "refundable": False,
                    },
                ],
                "guest_rating": 9.1,
                "stars": 5,
            },
        ),
        _b(
            "train_timetable",
            "travel",
            t,
            {
                "from": "Zürich HB",
                "to": "Bern",
                "connections": [
                    {
                        "dep": f"{h:02d}:02",
                        "arr": f"{h:02d}:58",
                        "platform": str(31 + h % 3),
                        "changes": 0,
                    }
                    for h in range(6, 22)
                ],
            },
        ),
        _b(
            "booking_confirmation",
            "travel",
            t,
            {
                "pnr": "K7Q2MZ",
                "passengers": 2,
                "status": "TICKETED",
                "segments": [{"from": "MUC", "to": "LIS", "seat": "14C"}],
            },
        ),
        _b(
            "seat_map",
            "travel",
            t,
            {
                "rows": [
                    {"row": r, "seats": {s: (r + ord(s)) % 3 != 0 for s in "ABCDEF"}}
                    for r in range(10, 20)
                ]
            },
        ),
        # sports
        _b(
            "football_match_score",
            "sports",
            t,
            {
                "home": "Arsenal",
                "away": "Chelsea",
                "score": 3,
                "away_score": 1,
                "status": "FT",
                "minute": 90,
                "attendance": 60213,
            },
        ),
        _b(
            "football_score_object",
            "sports",
            t,
            {
                "fixture": 1035211,
                "score": {"halftime": {"home": 1, "away": 0}, "fulltime": {"home": 3, "away": 1}},
            },
        ),
        _b(
            "league_table",
            "sports",
            t,
            {
                "standings": [
                    {
                        "pos": i + 1,
                        "team": team,
                        "played": 13,
                        "won": w,
                        "drawn": 13 - w - lost,
                        "lost": lost,
                        "points": 3 * w + 13 - w - lost,
                    }
                    for i, (team, w, lost) in enumerate(
                        (("Liverpool", 10, 1), ("Arsenal", 8, 2), ("Chelsea", 7, 3))
                    )
                ]
            },
        ),
        _b(
            "tennis_sets",
            "sports",
            t,
            {"match": "Alcaraz v Sinner", "sets": [[6, 4], [3, 6], [7, 6]], "tiebreak": [7, 5]},
        ),
        _b(
            "game_high_scores",
            "sports",
            t,
            {
                "leaderboard": [
                    {"rank": i + 1, "player": p, "score": s}
                    for i, (p, s) in enumerate(
                        (("pixelqueen", 128450), ("n00bslayer", 120990), ("zed", 99870))
                    )
                ]
            },
        ),
        _b(
            "baseball_player_stats",
            "sports",
            t,
            {"player": "J. Soto", "avg": 0.288, "obp": 0.419, "slg": 0.569, "hr": 41, "rbi": 109},
        ),
        _b(
            "exam_scores",
            "education",
            t,
            {
                "student": "S-2291",
                "scores": [
                    {"subject": "Math", "score": 87.5},
                    {"subject": "Physics", "score": 91},
                    {"subject": "History", "score": 78.25},
                ],
                "gpa": 3.7,
            },
        ),
        # iot
        _b(
            "sensor_readings_96_floats",
            "iot",
            t,
            {
                "device": "greenhouse-04",
                "metric": "temperature_c",
                "interval_min": 15,
                "readings": _walk(rng, 96, 22.0, 0.25, 2),
            },
        ),
        _b(
            "smart_meter_kwh_48",
            "iot",
            t,
            {
                "meter": "EM-2231",
                "unit": "kWh",
                "half_hourly": [
                    round(abs(0.35 + 0.2 * math.sin(i / 8) + rng.gauss(0, 0.03)), 3)
                    for i in range(48)
                ],
            },
        ),
        _b(
            "thermostat_state",
            "iot",
            t,
            {
                "device_id": "thermo-livingroom",
                "mode": "heat",
                "target_c": 21.5,
                "current_c": 20.8,
                "humidity_pct": 44,
                "firmware": "3.2.1",
            },
        ),
        _b(
            "device_fleet_status",
            "iot",
            t,
            {
                "devices": [
                    {
                        "id": f"edge-{i:03d}",
                        "online": i % 5 != 0,
                        "battery_pct": rng.randint(5, 100),
                        "rssi_dbm": -rng.randint(40, 95),
                        "last_seen": _iso(-i * 7),
                    }
                    for i in range(20)
                ]
            },
        ),
        _b(
            "accelerometer_batch_xyz",
            "iot",
            t,
            {
                "sample_rate_hz": 50,
                "samples": [
                    [
                        round(rng.gauss(0, 0.05), 2),
                        round(rng.gauss(0, 0.05), 2),
                        round(9.81 + rng.gauss(0, 0.05), 2),
                    ]
                    for _ in range(40)
                ],
            },
        ),
        # hr
        _b(
            "employee_profile",
            "hr",
            t,
            {
                "employee_id": "E-10482",
                "name": "Priya Natarajan",
                "title": "Staff Engineer",
                "department": "Platform",
                "start_date": "2019-04-01",
                "fte": 1.0,
                "manager_id": "E-10011",
            },
        ),
        _b(
            "payroll_summary",
            "hr",
            t,
            {
                "period": "2026-11",
                "gross": 7250.0,
                "net": 4531.88,
                "tax": 1820.12,
                "social_security": 898.0,
                "hours": 168,
            },
        ),
        _b("leave_balance", "hr", t, {"vacation_days": 12.5, "sick_days": 3, "carry_over": 2}),
        _b(
            "org_chart",
            "hr",
            t,
            {
                "name": "CTO",
                "reports": [
                    {"name": "VP Eng", "headcount": 84},
                    {"name": "VP Data", "headcount": 23},
                ],
            },
        ),
        # devops
        _b(
            "prometheus_query_range",
            "devops",
            t,
            {
                "status": "success",
                "data": {
                    "resultType": "matrix",
                    "result": [
                        {
                            "metric": {"__name__": "node_load1", "instance": "web-1:9100"},
                            "values": [
                                [1796205600 + 60 * i, f"{0.4 + 0.3 * math.sin(i / 7):.2f}"]
                                for i in range(60)
                            ],
                        }
                    ],
                },
            },
        ),
        _b(
            "cpu_utilization_series_120",
            "devops",
            t,
            {
                "host": "db-primary",
                "metric": "cpu_pct",
                "points": _walk(rng, 120, 35.0, 2.2, 1, lo=1.0),
            },
        ),
        _b(
            "latency_percentiles",
            "devops",
            t,
            {
                "service": "checkout",
                "window": "5m",
                "p50_ms": 42.1,
                "p90_ms": 118.7,
                "p99_ms": 402.3,
                "error_rate": 0.002,
                "rps": 812,
            },
        ),
        _b(
            "k8s_pod_list",
            "devops",
            t,
            {
                "items": [
                    {
                        "name": f"api-7d9f8b-{s}",
                        "phase": "Running",
                        "restarts": r,
                        "cpu_m": c,
                        "memory_mi": m,
                    }
                    for s, r, c, m in (
                        ("x2kq9", 0, 120, 256),
                        ("p8m4w", 2, 340, 512),
                        ("t7c1z", 0, 95, 248),
                    )
                ]
            },
        ),
        _b(
            "ci_pipeline_results",
            "devops",
            t,
            {
                "pipeline": 48213,
                "branch": "main",
                "commit": "3f2a9c1",
                "status": "failed",
                "duration_s": 612,
                "jobs": [
                    {"name": "lint", "status": "passed", "duration_s": 41},
                    {
                        "name": "unit-tests",
                        "status": "failed",
                        "tests": {"passed": 1342, "failed": 3, "skipped": 17},
                    },
                    {"name": "coverage", "status": "passed", "coverage_pct": 87.3},
                ],
            },
        ),
        _b(
            "deploy_history_versions",
            "devops",
            t,
            {
                "service": "payments",
                "deploys": [
                    {"version": v, "at": _iso(-1440 * i), "by": "release-bot"}
                    for i, v in enumerate(("2.14.0", "2.13.2", "2.13.1"))
                ],
            },
        ),
        _b(
            "disk_usage",
            "devops",
            t,
            {
                "mounts": [
                    {"path": "/", "size_gb": 100, "used_gb": 61.4, "used_pct": 61},
                    {"path": "/var/lib/docker", "size_gb": 500, "used_gb": 212.9, "used_pct": 43},
                ]
            },
        ),
        _b(
            "health_check",
            "devops",
            t,
            {
                "status": "ok",
                "uptime_s": 864211,
                "version": "1.42.3",
                "checks": {"db": "ok", "cache": "ok", "queue": "degraded"},
            },
        ),
        # social
        _b(
            "social_post",
            "social",
            t,
            {
                "id": "1862049911203344512",
                "text": "Launch day! 🚀",
                "likes": 1204,
                "reposts": 211,
                "replies": 87,
                "created_at": "2026-11-26T09:00:00Z",
            },
        ),
        _b(
            "social_profile",
            "social",
            t,
            {
                "handle": "@openmeteo_fan",
                "followers": 48210,
                "following": 312,
                "posts": 1920,
                "verified": False,
            },
        ),
        _b(
            "comment_thread",
            "social",
            t,
            {
                "comments": [
                    {"author": a, "text": x, "upvotes": u}
                    for a, x, u in (
                        ("lea", "Great write-up, thanks!", 42),
                        ("marc", "Does this work on ARM?", 7),
                    )
                ]
            },
        ),
        _b(
            "trending_hashtags",
            "social",
            t,
            {
                "trends": [
                    {"tag": f"#{t}", "posts": n}
                    for t, n in (
                        ("BlackFriday", 812000),
                        ("COP31", 91000),
                        ("ChampionsLeague", 412000),
                    )
                ]
            },
        ),
        # calendar
        _b(
            "calendar_events",
            "calendar",
            t,
            {
                "events": [
                    {
                        "summary": "1:1 with Dana",
                        "start": _iso(60 * 10),
                        "end": _iso(60 * 10 + 30),
                        "attendees": 2,
                    },
                    {
                        "summary": "Sprint review",
                        "start": _iso(60 * 14),
                        "end": _iso(60 * 15),
                        "attendees": 14,
                    },
                ]
            },
        ),
        _b(
            "freebusy",
            "calendar",
            t,
            {
                "calendars": {
                    "dana@example.com": {
                        "busy": [
                            {"start": _iso(540), "end": _iso(600)},
                            {"start": _iso(780), "end": _iso(840)},
                        ]
                    }
                }
            },
        ),
        _b(
            "reminders",
            "calendar",
            t,
            {"reminders": [{"title": "Pay rent", "due": "2026-12-01", "repeat": "monthly"}]},
        ),
        # search
        _b(
            "serp_no_scores",
            "search",
            t,
            {
                "query": "best hiking boots 2026",
                "organic_results": [
                    {
                        "position": i + 1,
                        "title": ti,
                        "link": f"https://example.com/{s}",
                        "snippet": sn,
                    }
                    for i, (ti, s, sn) in enumerate(
                        (
                            (
                                "The 12 Best Hiking Boots of 2026",
                                "boots",
                                "We tested 40 pairs over 300 miles...",
                            ),
                            (
                                "Hiking boot buying guide",
                                "guide",
                                "How to choose the right fit and ankle support.",
                            ),
                            (
                                "Waterproof boots compared",
                                "compare",
                                "Gore-Tex vs eVent membranes, explained.",
                            ),
                        )
                    )
                ],
                "search_information": {"total_results": 18200000, "time_taken_displayed": 0.41},
            },
        ),
        _b(
            "news_search",
            "search",
            t,
            {
                "articles": [
                    {
                        "title": "Central bank holds rates",
                        "source": "Reuters",
                        "published_at": "2026-11-25T14:02:00Z",
                        "url": "https://www.reuters.com/markets/",
                    }
                ]
            },
        ),
        _b(
            "wikipedia_summary",
            "search",
            t,
            {
                "title": "Alan Turing",
                "extract": "Alan Mathison Turing was an English "
                "mathematician and computer scientist.",
                "pageid": 1208,
                "coordinates": {"lat": 53.4667, "lon": -2.2333},
            },
        ),
        _b(
            "image_search_results",
            "search",
            t,
            {
                "images": [
                    {
                        "url": f"https://images.example.org/{i}.jpg",
                        "width": 1920,
                        "height": 1080,
                        "bytes": 412883 + i,
                    }
                    for i in range(8)
                ]
            },
        ),
        # imaging / media
        _b(
            "image_bounding_boxes",
            "imaging",
            t,
            {
                "image": "shelf_0042.jpg",
                "annotations": [
                    {"label": "bottle", "bbox": [112, 48, 64, 210]},
                    {"label": "can", "bbox": [240, 130, 58, 96]},
                    {"label": "box", "bbox_norm": [0.5125, 0.4375, 0.2, 0.3]},
                ],
            },
        ),
        _b(
            "colour_palette_rgb",
            "imaging",
            t,
            {
                "palette": [
                    [244, 67, 54],
                    [33, 150, 243],
                    [76, 175, 80],
                    [255, 193, 7],
                    [156, 39, 176],
                ],
                "hex": ["#F44336", "#2196F3", "#4CAF50", "#FFC107", "#9C27B0"],
            },
        ),
        _b(
            "rgb_float_colours",
            "imaging",
            t,
            {
                "material": "brushed steel",
                "base_color": [0.62, 0.64, 0.67],
                "roughness": 0.35,
                "metallic": 1.0,
            },
        ),
        _b(
            "exif_metadata",
            "imaging",
            t,
            {
                "Make": "FUJIFILM",
                "Model": "X-T5",
                "FNumber": 2.8,
                "ExposureTime": "1/250",
                "ISO": 400,
                "FocalLength": 23.0,
                "GPSLatitude": 45.4408,
                "GPSLongitude": 12.3155,
                "DateTimeOriginal": "2026:11:20 16:41:02",
            },
        ),
        _b(
            "audio_track_metadata",
            "media",
            t,
            {
                "title": "Clair de Lune",
                "duration_s": 302.6,
                "bpm": 66,
                "sample_rate": 44100,
                "loudness_lufs": -18.4,
            },
        ),
        # software
        _b(
            "package_versions",
            "software",
            t,
            {
                "package": "requests",
                "versions": ["2.28.2", "2.29.0", "2.31.0", "2.32.0", "2.32.3"],
                "latest": "2.32.3",
                "requires_python": ">=3.8",
            },
        ),
        _b(
            "semver_list_tuples_as_lists",
            "software",
            t,
            {"releases": [[1, 0, 0], [1, 1, 0], [1, 1, 1], [2, 0, 0]]},
        ),
        _b(
            "float_like_versions",
            "software",
            t,
            {"python_versions": [3.9, 3.10, 3.11, 3.12, 3.13], "api_version": 2.1},
        ),
        _b(
            "dependency_tree",
            "software",
            t,
            {
                "name": "app",
                "version": "0.3.0",
                "deps": [
                    {
                        "name": "pydantic",
                        "version": "2.9.2",
                        "deps": [{"name": "pydantic-core", "version": "2.23.4"}],
                    }
                ],
            },
        ),
        _b(
            "changelog",
            "software",
            t,
            {
                "version": "4.0.0",
                "date": "2026-11-20",
                "changes": [
                    "Drop Python 3.8",
                    "Add async client",
                    "Fix retry backoff (was 0.5s, now 1.5s)",
                ],
            },
        ),
        # misc
        _b(
            "uuid_list",
            "misc",
            t,
            {
                "ids": [
                    "3b241101-e2bb-4255-8caf-4136c566a962",
                    "9f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f",
                    "123e4567-e89b-12d3-a456-426614174000",
                ]
            },
        ),
        _b(
            "epoch_timestamps_48",
            "misc",
            t,
            {"event": "heartbeat", "ts": [1796205600 + 1800 * i for i in range(48)]},
        ),
        _b(
            "epoch_millis_float",
            "misc",
            t,
            {"started": 1796205600.123, "finished": 1796205612.987, "elapsed_s": 12.864},
        ),
        _b(
            "pagination_metadata",
            "misc",
            t,
            {
                "data": [{"id": i} for i in range(1, 6)],
                "meta": {"page": 3, "per_page": 5, "total": 212, "total_pages": 43},
                "links": {"next": "/items?page=4"},
            },
        ),
        _b(
            "http_response_metadata",
            "misc",
            t,
            {
                "status": 200,
                "elapsed_ms": 183.4,
                "headers": {
                    "content-type": "application/json; charset=utf-8",
                    "content-length": "1843",
                    "cache-control": "max-age=60",
                    "x-ratelimit-remaining": "4998",
                    "date": "Thu, 26 Nov 2026 10:00:00 GMT",
                },
            },
        ),
        _b(
            "recipe_nutrition",
            "food",
            t,
            {
                "recipe": "Lentil soup",
                "servings": 4,
                "per_serving": {"kcal": 312, "protein_g": 18.2, "fat_g": 6.1, "carbs_g": 44.7},
                "ingredients": [
                    {"item": "red lentils", "grams": 250},
                    {"item": "carrot", "grams": 120},
                ],
            },
        ),
        _b(
            "real_estate_listing",
            "realestate",
            t,
            {
                "listing_id": 771203,
                "price": 489000,
                "bedrooms": 3,
                "bathrooms": 1.5,
                "sqft": 1420,
                "lat": 40.6782,
                "lng": -73.9442,
                "year_built": 1931,
                "hoa_fee": 0,
            },
        ),
        _b(
            "percentages_dashboard",
            "analytics",
            t,
            {
                "uptime_pct": 99.95,
                "cache_hit_ratio": 0.87,
                "disk_free_pct": 38.4,
                "sla_target_pct": 99.9,
            },
        ),
        _b(
            "ml_training_config",
            "ml",
            t,
            {
                "model": "resnet50",
                "params": 25557032,
                "epochs": 90,
                "batch_size": 256,
                "learning_rate": 0.0003,
                "weight_decay": 0.01,
                "betas": [0.9, 0.999],
                "dropout": 0.1,
                "top1_accuracy_pct": 76.13,
                "image_size": [224, 224],
            },
        ),
        _b(
            "ml_dataset_stats",
            "ml",
            t,
            {
                "dataset": "cifar10",
                "train": 50000,
                "test": 10000,
                "classes": 10,
                "mean": [0.4914, 0.4822, 0.4465],
                "std": [0.247, 0.2435, 0.2616],
            },
        ),
        _b(
            "llm_usage_metadata",
            "llm",
            "model_output",
            {
                "id": "chatcmpl-4821",
                "model": "gpt-4o-mini",
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": "stop",
                        "message": {"role": "assistant", "content": "Your order ships Friday."},
                        "logprobs": None,
                    }
                ],
                "usage": {"prompt_tokens": 212, "completion_tokens": 9, "total_tokens": 221},
            },
        ),
        _b(
            "langchain_aimessage_no_logprobs",
            "llm",
            "model_output",
            {
                "type": "ai",
                "content": "The meeting is at 3 pm.",
                "response_metadata": {
                    "finish_reason": "stop",
                    "model_name": "gpt-4o-2024-08-06",
                    "token_usage": {
                        "prompt_tokens": 88,
                        "completion_tokens": 8,
                        "total_tokens": 96,
                    },
                },
                "usage_metadata": {"input_tokens": 88, "output_tokens": 8, "total_tokens": 96},
            },
        ),
        _b(
            "model_output_plain_text_with_numbers",
            "llm",
            "model_output",
            "The Q3 revenue was $4.21M, up 12.5% year over year; churn fell from 3.1% to 2.4%.",
        ),
        _b(
            "model_output_json_answer",
            "llm",
            "model_output",
            json.dumps(
                {"answer": "Take the 07:10 flight", "price_eur": 189.4, "duration_min": 115}
            ),
        ),
    ]


def _benign_retrieval(rng: random.Random) -> list[Case]:
    ch = "retrieval"
    return [
        _b(
            "retrieval_docs_title_source_url",
            "search",
            ch,
            [
                _doc(
                    "Open-Meteo offers free weather forecast APIs for non-commercial use.",
                    title="Open-Meteo docs",
                    source="https://open-meteo.com/en/docs",
                    page=1,
                ),
                _doc(
                    "The forecast API returns hourly and daily variables.",
                    title="Open-Meteo docs",
                    source="https://open-meteo.com/en/docs",
                    page=2,
                ),
            ],
        ),
        _b(
            "retrieval_docs_author_published",
            "search",
            ch,
            [
                _doc(
                    "Inflation eased to 2.3% in October, the statistics office said.",
                    title="Inflation eases",
                    author="Jane Doe",
                    published="2026-11-14",
                    url="https://news.example.org/economy/inflation-eases",
                ),
            ],
        ),
        _b(
            "retrieval_doc_single_pdf_public",
            "search",
            ch,
            _doc(
                "Section 4.2: Returns are accepted within 30 days of delivery.",
                source="https://shop.example.com/legal/returns.pdf",
                page=4,
                title="Returns policy",
                language="en",
            ),
        ),
        _b(
            "retrieval_docs_wiki_with_numbers",
            "search",
            ch,
            [
                _doc(
                    "Mount Everest is 8,848.86 m tall; its summit is at 27.9881 N, 86.925 E.",
                    title="Mount Everest",
                    source="https://en.wikipedia.org/wiki/Mount_Everest",
                    page=0,
                ),
                _doc(
                    "The Eiffel Tower is 330 m tall and weighs about 10,100 tonnes.",
                    title="Eiffel Tower",
                    source="https://en.wikipedia.org/wiki/Eiffel_Tower",
                    page=0,
                ),
            ],
        ),
        _b(
            "retrieval_docs_json_text",
            "search",
            ch,
            json.dumps(
                [
                    {
                        "page_content": "Chapter 1. It was a bright cold day in April.",
                        "metadata": {
                            "title": "Nineteen Eighty-Four",
                            "author": "George Orwell",
                            "page": 1,
                            "year": 1949,
                        },
                    }
                ]
            ),
        ),
        _b(
            "retrieval_docs_product_faq",
            "commerce",
            ch,
            [
                _doc(
                    f"Q: Does the bottle fit a car cup holder? A: Yes, up to {d} cm.",
                    title="FAQ",
                    source="https://shop.example.com/faq",
                    page=i + 1,
                    published="2026-03-01",
                )
                for i, d in enumerate((7.5, 8.0, 7.2))
            ],
        ),
        _b(
            "retrieval_doc_tabular_text",
            "finance",
            ch,
            _doc(
                "Quarter | Revenue | Margin\nQ1 | 4.1 | 0.31\nQ2 | 4.3 | 0.33\nQ3 | 4.21 | 0.32",
                title="Quarterly summary",
                source="https://ir.example.com/q3-2026",
                page=12,
            ),
        ),
    ]


def _benign_logs(rng: random.Random) -> list[Case]:
    d, ch = "logs", "log"
    return [
        _b(
            "nginx_access_log",
            d,
            ch,
            '203.0.113.7 - - [26/Nov/2026:10:00:01 +0000] "GET /api/orders?page=2 HTTP/1.1" '
            '200 1843 "-" "Mozilla/5.0" rt=0.183 uct=0.001',
        ),
        _b(
            "app_log_order_total",
            d,
            ch,
            "2026-11-26T10:00:01Z INFO order placed order=ORD-2026-118734 total=132.37 "
            "currency=EUR items=3",
        ),
        _b(
            "json_log_line_latency",
            d,
            ch,
            json.dumps(
                {
                    "ts": "2026-11-26T10:00:02.481Z",
                    "level": "info",
                    "msg": "request done",
                    "path": "/checkout",
                    "status": 200,
                    "latency_ms": 42.18,
                    "bytes": 1843,
                }
            ),
        ),
        _b(
            "log_weather_fetch",
            d,
            ch,
            "2026-11-26T10:00:03Z INFO fetched forecast lat=52.52 lon=13.41 hours=168 "
            "temp_min=-0.4 temp_max=9.3",
        ),
        _b(
            "k8s_event_log",
            d,
            ch,
            "2026-11-26T10:00:04Z WARN kubelet Back-off restarting failed container "
            "api in pod api-7d9f8b-p8m4w (restarts=2)",
        ),
        _b(
            "gc_pause_log",
            d,
            ch,
            "[2026-11-26T10:00:05.112+0000][info][gc] GC(412) Pause Young (Normal) "
            "(G1 Evacuation Pause) 212M->88M(512M) 4.812ms",
        ),
        _b(
            "audit_log_login",
            d,
            ch,
            "2026-11-26T10:00:06Z AUDIT user=priya.n action=login result=success "
            "ip=198.51.100.23 mfa=true",
        ),
        _b(
            "cron_job_log",
            d,
            ch,
            "2026-11-26T02:00:00Z INFO backup finished files=18231 size_gb=41.7 duration_s=812",
        ),
        _b(
            "log_sports_score",
            d,
            ch,
            "2026-11-26T21:45:00Z INFO match finished home=Arsenal away=Chelsea score=3-1",
        ),
        _b(
            "log_metrics_batch_json",
            d,
            ch,
            "2026-11-26T10:00:07Z INFO metrics "
            + json.dumps({"cpu_pct": [31.2, 33.8, 35.1, 29.9], "mem_mb": 1812, "rps": 811.5}),
        ),
        _b(
            "log_ab_test_summary",
            d,
            ch,
            "2026-11-26T10:00:08Z INFO experiment=checkout-button-color "
            "control_cr=0.05 variant_cr=0.056 p=0.031",
        ),
    ]


def benign_cases() -> list[Case]:
    """Ordinary payloads whose numbers are not model-inversion signals; ``expect`` is empty."""
    rng = random.Random(20261126)
    cases: list[Case] = []
    for builder in (
        _benign_commerce,
        _benign_weather,
        _benign_maps,
        _benign_analytics,
        _benign_healthcare,
        _benign_finance,
        _benign_misc,
        _benign_retrieval,
        _benign_logs,
    ):
        cases.extend(builder(rng))
    return cases


# --- signals --------------------------------------------------------------------------


def _signal_embeddings(rng: random.Random) -> list[Case]:
    d, t, e = "ml", "tool_output", "embedding"
    e1536 = _unit_embedding(rng, 1536)
    return [
        _s(
            "openai_embeddings_api_1536",
            "llm",
            t,
            {
                "object": "list",
                "data": [{"object": "embedding", "index": 0, "embedding": e1536}],
                "model": "text-embedding-3-small",
                "usage": {"prompt_tokens": 8, "total_tokens": 8},
            },
            e,
        ),
        _s(
            "openai_embeddings_api_base64_f32_1536",
            "llm",
            t,
            {
                "object": "list",
                "data": [
                    {
                        "object": "embedding",
                        "index": 0,
                        "embedding": _b64_f32(_unit_embedding(rng, 1536)),
                    }
                ],
                "model": "text-embedding-3-small",
                "usage": {"prompt_tokens": 5, "total_tokens": 5},
            },
            e,
        ),
        _s(
            "openai_embeddings_api_batch_two_256",
            "llm",
            t,
            {
                "object": "list",
                "data": [
                    {"object": "embedding", "index": i, "embedding": _unit_embedding(rng, 256)}
                    for i in range(2)
                ],
                "model": "text-embedding-3-large",
            },
            e,
        ),
        _s(
            "sentence_transformers_384_under_embedding",
            d,
            t,
            {"text": "refund policy", "embedding": _embedding(rng, 384)},
            e,
        ),
        _s("vector_key_768", d, t, {"id": "q-17", "vector": _embedding(rng, 768, decimals=6)}, e),
        _s("values_key_64", d, t, {"values": _embedding(rng, 64, decimals=8)}, e),
        _s("unknown_key_feat_32", d, t, {"item": 4412, "feat": _embedding(rng, 32)}, e),
        _s("unknown_key_unit_normalised_768", d, t, {"qv": _unit_embedding(rng, 768)}, e),
        _s(
            "nested_deep_128",
            d,
            t,
            {
                "result": {
                    "items": [
                        {
                            "analysis": {
                                "repr": {"layers": [{"name": "pooler", "v": _embedding(rng, 128)}]}
                            }
                        }
                    ]
                }
            },
            e,
        ),
        _s("bare_list_top_level_384", d, t, _embedding(rng, 384, decimals=6), e),
        _s("embedding_tuple_64", d, t, {"embedding": tuple(_embedding(rng, 64))}, e),
        _s("bare_tuple_top_level_32", d, t, tuple(_embedding(rng, 32)), e),
        _s(
            "embedding_json_text_384",
            d,
            t,
            json.dumps(
                {"model": "all-MiniLM-L6-v2", "embedding": _embedding(rng, 384, decimals=7)}
            ),
            e,
        ),
        _s("embedding_bare_json_array_text_64", d, t, json.dumps(_embedding(rng, 64)), e),
        _s(
            "embedding_in_log_line_64",
            "logs",
            "log",
            "2026-11-26T10:00:02Z DEBUG embedder: encoded query chars=42 query_vec="
            + json.dumps(_embedding(rng, 64)),
            e,
        ),
        _s(
            "embedding_base64_f16_384",
            d,
            t,
            {"embedding": _b64_f16(_embedding(rng, 384, decimals=4)), "dtype": "float16"},
            e,
        ),
        _s(
            "embedding_base64_f32_unknown_key_768",
            d,
            t,
            {"doc": "d-88", "enc": _b64_f32(_embedding(rng, 768))},
            e,
        ),
        _s(
            "batch_embeddings_4x32",
            d,
            t,
            {"embeddings": [_embedding(rng, 32) for _ in range(4)]},
            e,
        ),
        _s(
            "cohere_embed_response_1024",
            "llm",
            t,
            {
                "id": "emb-5521",
                "texts": ["hello"],
                "embeddings": {"float": [_embedding(rng, 1024, decimals=5)]},
                "meta": {"api_version": {"version": "2"}, "billed_units": {"input_tokens": 1}},
                "response_type": "embeddings_by_type",
            },
            e,
        ),
        _s(
            "bedrock_titan_embedding_256",
            "llm",
            t,
            {"embedding": _embedding(rng, 256, decimals=6), "inputTextTokenCount": 7},
            e,
        ),
        _s(
            "gemini_embed_content_768", "llm", t, {"embedding": {"values": _embedding(rng, 768)}}, e
        ),
        _s(
            "ollama_embed_768",
            "llm",
            t,
            {
                "model": "nomic-embed-text",
                "embeddings": [_unit_embedding(rng, 768)],
                "total_duration": 14143917,
                "prompt_eval_count": 8,
            },
            e,
        ),
        _s(
            "hf_feature_extraction_token_level_3x32",
            d,
            t,
            [[_embedding(rng, 32) for _ in range(3)]],
            e,
        ),
        _s(
            "embedding_in_model_output_json_text",
            "llm",
            "model_output",
            "Here is the vector you asked for:\n" + json.dumps({"vector": _embedding(rng, 96)}),
            e,
        ),
        _s(
            "embedding_in_tool_message_content",
            "llm",
            "model_output",
            {
                "role": "tool",
                "tool_call_id": "call_7",
                "name": "embed_text",
                "content": json.dumps({"dims": 384, "data": _embedding(rng, 384)}),
            },
            e,
        ),
    ]


def _signal_probabilities(rng: random.Random) -> list[Case]:
    d, t, p = "ml", "tool_output", "probabilities"
    labels10 = [
        "airplane",
        "automobile",
        "bird",
        "cat",
        "deer",
        "dog",
        "frog",
        "horse",
        "ship",
        "truck",
    ]
    p3 = _probs(rng, 3)
    return [
        _s("hf_text_classification_single", d, t, [{"label": "POSITIVE", "score": 0.99873}], p),
        _s(
            "hf_text_classification_top_k",
            d,
            t,
            [
                {"label": lab, "score": s}
                for lab, s in zip(
                    ("joy", "surprise", "neutral", "sadness"),
                    sorted(_probs(rng, 4, 5), reverse=True),
                    strict=True,
                )
            ],
            p,
        ),
        _s(
            "hf_zero_shot_scores",
            d,
            t,
            {
                "sequence": "I want my money back",
                "labels": ["refund", "billing", "shipping"],
                "scores": sorted(p3, reverse=True),
            },
            p,
        ),
        _s(
            "dict_label_to_prob",
            d,
            t,
            {"predictions": dict(zip(("cat", "dog", "fox"), _probs(rng, 3), strict=True))},
            p,
        ),
        _s(
            "bare_probs_unfamiliar_key_out",
            d,
            t,
            {"request": 881, "out": [0.0132, 0.9411, 0.0457]},
            p,
        ),
        _s("logits_list", d, t, {"model": "intent-v3", "logits": _logits(rng, 6)}, p),
        _s("single_confidence_5dp", d, t, {"intent": "refund", "confidence": 0.93127}, p),
        _s(
            "single_probability_4dp",
            "finance",
            t,
            {"customer": "C-2210", "probability": 0.7341, "label": "churn"},
            p,
        ),
        _s(
            "sklearn_predict_proba_rows",
            d,
            t,
            {
                "model": "GradientBoostingClassifier",
                "classes": [0, 1],
                "proba": [_probs(rng, 2) for _ in range(5)],
            },
            p,
        ),
        _s(
            "log_line_probs_example",
            "logs",
            "log",
            "2026-11-26T10:00:01Z INFO scored request: "
            '{"label": "fraud", "probs": [0.9123, 0.0611, 0.0266]}',
            p,
        ),
        _s(
            "log_line_confidence_kv",
            "logs",
            "log",
            "2026-11-26T10:00:09Z INFO fraud-model verdict txn=T-88213 label=fraud "
            "confidence=0.91834",
            p,
        ),
        _s("classifier_json_text", d, t, json.dumps({"label": "toxic", "score": 0.98231}), p),
        _s(
            "hf_ner_pipeline",
            d,
            t,
            [
                {
                    "entity": "B-PER",
                    "score": 0.99875,
                    "index": 1,
                    "word": "Ana",
                    "start": 0,
                    "end": 3,
                },
                {
                    "entity": "B-LOC",
                    "score": 0.99642,
                    "index": 4,
                    "word": "Lisbon",
                    "start": 13,
                    "end": 19,
                },
            ],
            p,
        ),
        _s(
            "hf_object_detection",
            "imaging",
            t,
            [
                {
                    "score": 0.99812,
                    "label": "cat",
                    "box": {"xmin": 12, "ymin": 50, "xmax": 310, "ymax": 470},
                },
                {
                    "score": 0.87341,
                    "label": "remote",
                    "box": {"xmin": 40, "ymin": 70, "xmax": 175, "ymax": 117},
                },
            ],
            p,
        ),
        _s(
            "image_classification_cifar10_vector",
            "imaging",
            t,
            {"image": "img_0042.png", "dist": dict(zip(labels10, _probs(rng, 10, 5), strict=True))},
            p,
        ),
        _s(
            "moderation_category_scores",
            "llm",
            t,
            {
                "id": "modr-1182",
                "results": [
                    {
                        "flagged": False,
                        "category_scores": {
                            "harassment": 0.000123,
                            "hate": 0.0000412,
                            "self-harm": 0.00000871,
                            "sexual": 0.0012843,
                            "violence": 0.0003101,
                        },
                    }
                ],
            },
            p,
        ),
        _s(
            "google_vision_labels",
            "imaging",
            t,
            {
                "labelAnnotations": [
                    {
                        "mid": "/m/01yrx",
                        "description": "Cat",
                        "score": 0.98712,
                        "topicality": 0.98712,
                    },
                    {
                        "mid": "/m/0jbk",
                        "description": "Animal",
                        "score": 0.91345,
                        "topicality": 0.91345,
                    },
                ]
            },
            p,
        ),
        _s(
            "aws_comprehend_sentiment",
            "llm",
            t,
            {
                "Sentiment": "POSITIVE",
                "SentimentScore": {
                    "Positive": 0.9712,
                    "Negative": 0.0031,
                    "Neutral": 0.0243,
                    "Mixed": 0.0014,
                },
            },
            p,
        ),
        _s(
            "nested_unfamiliar_key_prob_vector_10",
            d,
            t,
            {"job": "batch-7", "outputs": [{"sample": 0, "head": {"w": _probs(rng, 10, 5)}}]},
            p,
        ),
        _s("probs_tuple", d, t, {"probs": tuple(_probs(rng, 3))}, p),
        _s(
            "llm_structured_output_confidence",
            "llm",
            "model_output",
            {"answer": "The invoice is overdue.", "confidence": 0.8731, "sources": [2, 5]},
            p,
        ),
        _s(
            "fraud_score_single_value",
            "finance",
            t,
            {"transaction": "T-88213", "score": 0.87342, "decision": "review"},
            p,
        ),
    ]


def _signal_logprobs(rng: random.Random) -> list[Case]:
    d, m, lp = "llm", "model_output", "logprobs"
    toks = ["The", " refund", " was", " approved", "."]
    chat = {
        "id": "chatcmpl-9912",
        "object": "chat.completion",
        "created": 1796205600,
        "model": "gpt-4o-mini",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": "".join(toks)},
                "logprobs": _chat_logprobs(rng, toks),
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 31, "completion_tokens": 5, "total_tokens": 36},
    }
    legacy = {
        "id": "cmpl-771",
        "object": "text_completion",
        "model": "gpt-3.5-turbo-instruct",
        "choices": [
            {
                "text": " Paris is the capital.",
                "index": 0,
                "finish_reason": "stop",
                "logprobs": _legacy_logprobs(rng, [" Paris", " is", " the", " capital", "."]),
            }
        ],
    }
    lc_toks = [" Your", " order", " ships", " Friday", "."]
    return [
        _s("openai_chat_completion_logprobs", d, m, chat, lp),
        _s("openai_legacy_completion_logprobs", d, m, legacy, lp),
        _s(
            "langchain_aimessage_response_metadata_logprobs",
            d,
            m,
            {
                "type": "ai",
                "content": "".join(lc_toks),
                "response_metadata": {
                    "finish_reason": "stop",
                    "model_name": "gpt-4o-mini",
                    "logprobs": _chat_logprobs(rng, lc_toks, 2),
                },
                "usage_metadata": {"input_tokens": 20, "output_tokens": 5, "total_tokens": 25},
            },
            lp,
        ),
        _s(
            "langchain_generation_info_logprobs",
            d,
            m,
            {
                "generations": [
                    [
                        {
                            "text": "Yes.",
                            "generation_info": {
                                "finish_reason": "stop",
                                "logprobs": _chat_logprobs(rng, ["Yes", "."]),
                            },
                            "type": "ChatGeneration",
                        }
                    ]
                ],
                "llm_output": {"model_name": "gpt-4o"},
            },
            lp,
        ),
        _s("chat_logprobs_json_text", d, m, json.dumps(chat), lp),
        _s(
            "logprobs_in_log_line",
            "logs",
            "log",
            "2026-11-26T10:00:10Z DEBUG llm response choice=0 logprobs="
            + json.dumps(_chat_logprobs(rng, toks[:3], 2)),
            lp,
        ),
        _s(
            "top_logprobs_only_vllm_style",
            d,
            m,
            {
                "text": "Hello",
                "top_logprobs": [
                    {"Hello": -0.0012412, "Hi": -6.9121345},
                    {"!": -0.3124511, ",": -1.3001234},
                ],
            },
            lp,
        ),
        _s(
            "responses_api_output_logprobs",
            d,
            m,
            {
                "id": "resp_881",
                "output": [
                    {
                        "type": "message",
                        "content": [
                            {
                                "type": "output_text",
                                "text": "Done.",
                                "logprobs": [
                                    {
                                        "token": "Done",
                                        "logprob": -0.0003125,
                                        "bytes": [68, 111, 110, 101],
                                        "top_logprobs": [],
                                    },
                                    {
                                        "token": ".",
                                        "logprob": -0.0141201,
                                        "bytes": [46],
                                        "top_logprobs": [],
                                    },
                                ],
                            }
                        ],
                    }
                ],
            },
            lp,
        ),
    ]


def _signal_retrieval(rng: random.Random) -> list[Case]:
    ch, d = "retrieval", "search"
    emb, rs, md = "embedding", "retrieval_score", "metadata"
    pine = {
        "matches": [
            {
                "id": f"doc-{i}#chunk-{i * 3}",
                "score": _fine(rng, 0.72, 0.93, 7),
                "values": _embedding(rng, 64),
                "metadata": {
                    "text": "Refunds are processed within 14 days.",
                    "source": f"s3://internal-bucket/policies/refunds-v{i}.md",
                    "chunk_id": f"chunk-{i * 3}",
                },
            }
            for i in range(3)
        ],
        "namespace": "support-kb",
        "usage": {"read_units": 6},
    }
    return [
        _s("pinecone_query_values_metadata", "vectordb", ch, pine, emb, rs, md),
        _s(
            "pinecone_query_scores_only",
            "vectordb",
            ch,
            {
                "matches": [
                    {
                        "id": f"vec{i}",
                        "score": _fine(rng, 0.6, 0.9, 6),
                        "metadata": {"genre": "drama", "year": 2019 + i},
                    }
                    for i in range(4)
                ],
                "namespace": "movies",
            },
            rs,
        ),
        _s(
            "qdrant_search_with_vector",
            "vectordb",
            ch,
            {
                "result": [
                    {
                        "id": 100 + i,
                        "version": 3,
                        "score": _fine(rng, 0.7, 0.95, 7),
                        "payload": {
                            "title": "Returns",
                            "file_path": f"/srv/data/kb/returns_{i}.md",
                            "chunk_index": i,
                        },
                        "vector": _unit_embedding(rng, 384),
                    }
                    for i in range(2)
                ],
                "status": "ok",
                "time": 0.000412,
            },
            emb,
            rs,
            md,
        ),
        _s(
            "qdrant_search_scores_only",
            "vectordb",
            ch,
            {
                "result": [
                    {
                        "id": "5c56c793-69f3-4fbf-87e6-c4bf54c28c26",
                        "version": 1,
                        "score": _fine(rng, 0.4, 0.9, 6),
                        "payload": {"city": "Berlin"},
                    }
                    for _ in range(3)
                ],
                "status": "ok",
                "time": 0.0021,
            },
            rs,
        ),
        _s(
            "chroma_query_full",
            "vectordb",
            ch,
            {
                "ids": [["id7", "id2"]],
                "distances": [[0.2331872, 0.4127361]],
                "embeddings": [[_embedding(rng, 384), _embedding(rng, 384)]],
                "metadatas": [
                    [
                        {"source": "/srv/data/handbook/leave.pdf", "page": 3, "start_index": 1834},
                        {"source": "/srv/data/handbook/pay.pdf", "page": 7, "start_index": 220},
                    ]
                ],
                "documents": [["Employees get 28 days leave.", "Salaries are paid monthly."]],
                "uris": None,
                "data": None,
                "included": ["metadatas", "documents", "distances", "embeddings"],
            },
            emb,
            rs,
            md,
        ),
        _s(
            "chroma_query_distances_only",
            "vectordb",
            ch,
            {
                "ids": [["a", "b", "c"]],
                "distances": [[0.31482, 0.52771, 0.60125]],
                "metadatas": [[{"title": "A"}, {"title": "B"}, {"title": "C"}]],
                "documents": [["alpha", "beta", "gamma"]],
                "embeddings": None,
            },
            rs,
        ),
        _s(
            "weaviate_graphql_additional",
            "vectordb",
            ch,
            {
                "data": {
                    "Get": {
                        "Article": [
                            {
                                "title": "Tariffs explained",
                                "_additional": {
                                    "id": "a1",
                                    "distance": 0.1823412,
                                    "certainty": 0.9088294,
                                    "vector": _embedding(rng, 96),
                                },
                            },
                            {
                                "title": "Trade deficits",
                                "_additional": {
                                    "id": "a2",
                                    "distance": 0.2511071,
                                    "certainty": 0.8744465,
                                    "vector": _embedding(rng, 96),
                                },
                            },
                        ]
                    }
                }
            },
            emb,
            rs,
        ),
        _s(
            "weaviate_distance_only",
            "vectordb",
            ch,
            {
                "data": {
                    "Get": {
                        "Question": [
                            {
                                "question": "What is a tariff?",
                                "_additional": {"distance": 0.1441093},
                            }
                        ]
                    }
                }
            },
            rs,
        ),
        _s(
            "elasticsearch_hits_score",
            d,
            ch,
            {
                "took": 5,
                "timed_out": False,
                "hits": {
                    "total": {"value": 2, "relation": "eq"},
                    "max_score": 12.341275,
                    "hits": [
                        {
                            "_index": "docs",
                            "_id": "kb-112",
                            "_score": 12.341275,
                            "_source": {"title": "Refund policy"},
                        },
                        {
                            "_index": "docs",
                            "_id": "kb-87",
                            "_score": 9.8812304,
                            "_source": {"title": "Shipping"},
                        },
                    ],
                },
            },
            rs,
        ),
        _s(
            "opensearch_knn_with_vector_in_source",
            d,
            ch,
            {
                "hits": {
                    "hits": [
                        {
                            "_index": "kb",
                            "_id": "c-1",
                            "_score": 0.8812734,
                            "_source": {
                                "text": "Reset the router.",
                                "text_vector": _embedding(rng, 128),
                            },
                        }
                    ]
                }
            },
            emb,
            rs,
        ),
        _s(
            "azure_ai_search_scores",
            d,
            ch,
            {
                "value": [
                    {
                        "@search.score": 0.0327868,
                        "@search.rerankerScore": 2.8731402,
                        "id": "1",
                        "content": "Hotel policy",
                    },
                    {
                        "@search.score": 0.0317541,
                        "@search.rerankerScore": 2.4410915,
                        "id": "2",
                        "content": "Parking",
                    },
                ]
            },
            rs,
        ),
        _s(
            "cohere_rerank_results",
            d,
            ch,
            {
                "id": "rr-71",
                "results": [
                    {"index": 2, "relevance_score": 0.9812347},
                    {"index": 0, "relevance_score": 0.3411892},
                ],
                "meta": {"billed_units": {"search_units": 1}},
            },
            rs,
        ),
        _s(
            "generic_rerank_scores",
            d,
            ch,
            {
                "reranked": [
                    {"doc_id": "kb-112", "rerank_score": 0.9123451},
                    {"doc_id": "kb-9", "rerank_score": 0.4410017},
                ]
            },
            rs,
        ),
        _s(
            "pgvector_rows_distance",
            d,
            ch,
            [
                {"id": 1, "content": "Leave policy", "distance": 0.2341201},
                {"id": 4, "content": "Expense policy", "distance": 0.3187722},
            ],
            rs,
        ),
        _s(
            "milvus_search_hits",
            "vectordb",
            ch,
            [
                [
                    {"id": 448812, "distance": 0.8231442, "entity": {"title": "Router reset"}},
                    {"id": 448790, "distance": 0.7712391, "entity": {"title": "Wi-Fi setup"}},
                ]
            ],
            rs,
        ),
        _s(
            "docs_metadata_internal_path_start_index",
            d,
            ch,
            [
                _doc(
                    "Employees accrue 2.33 days of leave per month.",
                    source="/srv/data/hr/handbook-2026.pdf",
                    page=14,
                    start_index=10234,
                    chunk_id="hb-2026-0142",
                )
            ],
            md,
        ),
        _s(
            "docs_metadata_s3_path",
            d,
            ch,
            [
                _doc(
                    "Q3 gross margin guidance is confidential.",
                    source="s3://internal-bucket/finance/q3/board-deck.pdf",
                    page=2,
                )
            ],
            md,
        ),
        _s(
            "docs_metadata_windows_share",
            d,
            ch,
            [
                _doc(
                    "Salary bands for level 5.",
                    source="C:\\shares\\finance\\comp\\bands_2026.xlsx",
                    sheet="L5",
                )
            ],
            md,
        ),
        _s(
            "docs_metadata_chunk_offsets",
            d,
            ch,
            [
                _doc(
                    "Step 3: rotate the signing keys.",
                    title="Runbook",
                    chunk_id="runbook-ops-17",
                    chunk_start=4812,
                    chunk_end=5330,
                )
            ],
            md,
        ),
        _s(
            "docs_metadata_relevance_score",
            d,
            ch,
            [
                _doc(
                    "Return within 30 days.",
                    title="Returns",
                    source="https://shop.example.com/returns",
                    relevance_score=0.8412337,
                )
            ],
            rs,
        ),
        _s(
            "docs_metadata_score_and_path",
            d,
            ch,
            [
                _doc(
                    "The VPN uses split tunnelling.",
                    source="/mnt/confluence/export/IT/vpn.html",
                    score=0.7731945,
                    chunk_id="it-vpn-4",
                )
            ],
            rs,
            md,
        ),
        _s(
            "docs_metadata_embedding",
            d,
            ch,
            [_doc("Router reset steps.", title="Support", embedding=_embedding(rng, 384))],
            emb,
            md,
        ),
        _s(
            "docs_metadata_vector_json_text",
            d,
            ch,
            [
                _doc(
                    "Router reset steps.",
                    title="Support",
                    vector_json=json.dumps(_embedding(rng, 64)),
                )
            ],
            emb,
            md,
        ),
        _s(
            "docs_with_score_tuple_pairs",
            d,
            ch,
            [
                (_doc("Leave policy text.", title="Leave"), 0.3412287),
                (_doc("Pay schedule text.", title="Pay"), 0.4891034),
            ],
            rs,
        ),
        _s(
            "docs_metadata_similarity",
            d,
            ch,
            [_doc("Password resets are self-service.", title="IT FAQ", similarity=0.9123318)],
            rs,
        ),
        _s(
            "llamaindex_node_with_score",
            d,
            ch,
            [
                {
                    "node": {
                        "id_": "9a1e7c1b-node",
                        "text": "Quarterly OKRs for platform.",
                        "metadata": {
                            "file_path": "/srv/data/okrs/2026-q4.md",
                            "file_name": "2026-q4.md",
                        },
                        "start_char_idx": 0,
                        "end_char_idx": 512,
                        "embedding": None,
                    },
                    "score": 0.8123093,
                }
            ],
            rs,
            md,
        ),
        _s(
            "retrieval_json_text_with_scores",
            d,
            ch,
            json.dumps(
                {
                    "documents": [
                        {"id": "kb-1", "text": "alpha", "score": 0.8723412},
                        {"id": "kb-2", "text": "beta", "score": 0.6611207},
                    ]
                }
            ),
            rs,
        ),
        _s(
            "retrieval_log_line_score_kv",
            "logs",
            "log",
            "2026-11-26T10:00:11Z DEBUG retriever hit doc_id=kb-112 score=0.8731244 rank=1",
            rs,
        ),
        _s(
            "retrieval_log_line_json_hits",
            "logs",
            "log",
            "2026-11-26T10:00:12Z INFO retriever returned "
            + json.dumps(
                {
                    "hits": [
                        {"doc_id": "kb-112", "score": 0.8731244},
                        {"doc_id": "kb-7", "score": 0.7120981},
                    ]
                }
            ),
            rs,
        ),
        _s(
            "retrieval_tool_output_mixed",
            "llm",
            "tool_output",
            {
                "tool": "kb_search",
                "hits": [
                    {
                        "title": "Refunds",
                        "snippet": "Refunds are issued to the original payment method.",
                        "similarity": 0.9012837,
                        "metadata": {
                            "path": "/srv/data/kb/refunds.md",
                            "chunk_id": "refunds-3",
                            "start_index": 812,
                        },
                    }
                ],
            },
            rs,
            md,
        ),
    ]


def signal_cases() -> list[Case]:
    """Payloads carrying model-inversion signals; ``expect`` names the kinds that must be found."""
    rng = random.Random(7)
    cases: list[Case] = []
    for builder in (_signal_embeddings, _signal_probabilities, _signal_logprobs, _signal_retrieval):
        cases.extend(builder(rng))
    return cases


def numpy_signal_cases() -> list[Case]:
    """Signal payloads holding numpy arrays and scalars (imports numpy)."""
    import numpy as np

    gen = np.random.default_rng(11)
    emb32 = gen.normal(0.0, 0.05, 384).astype(np.float32)
    unit = gen.normal(0.0, 1.0, 768)
    unit = unit / np.linalg.norm(unit)
    logits = gen.normal(0.0, 2.0, 5)
    probs = np.exp(logits) / np.exp(logits).sum()
    d, t = "ml", "tool_output"
    return [
        _s("numpy_float32_embedding_384", d, t, {"embedding": emb32}, "embedding"),
        _s("numpy_float64_unit_embedding_768_unknown_key", d, t, {"q": unit}, "embedding"),
        _s(
            "numpy_bare_array_top_level",
            d,
            t,
            gen.normal(0.0, 0.05, 64).astype(np.float32),
            "embedding",
        ),
        _s(
            "numpy_2d_batch_embeddings",
            d,
            t,
            {"embeddings": gen.normal(0.0, 0.05, (3, 128))},
            "embedding",
        ),
        _s("numpy_float64_probs", d, t, {"probs": probs}, "probabilities"),
        _s(
            "numpy_scalar_confidence",
            d,
            t,
            {"label": "spam", "confidence": np.float64(0.918342)},
            "probabilities",
        ),
        _s(
            "numpy_predict_proba_matrix",
            d,
            t,
            {"proba": np.array([[0.1234, 0.8766], [0.9012, 0.0988]])},
            "probabilities",
        ),
        _s(
            "numpy_embedding_in_retrieval_metadata",
            "search",
            "retrieval",
            [_doc("Router reset steps.", title="Support", embedding=emb32[:64])],
            "embedding",
            "metadata",
        ),
    ]
