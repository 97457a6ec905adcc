//! Word tables the generators draw from.

pub const FIRST_NAMES: &[&str] = &[
    "jane", "john", "maria", "ahmed", "li", "olga", "pierre", "sofia", "kenji", "amara", "lucas",
    "emma", "noah", "fatima", "ivan", "chloe", "mateo", "aisha", "oliver", "hana",
];

pub const LAST_NAMES: &[&str] = &[
    "doe", "smith", "garcia", "hassan", "wang", "ivanova", "dubois", "rossi", "tanaka", "okafor",
    "silva", "muller", "brown", "khan", "petrov", "martin", "lopez", "ali", "jones", "sato",
];

pub const DOMAINS: &[&str] = &[
    "example.com",
    "mail.example.org",
    "corp.example.net",
    "shop.example",
    "example.co.uk",
];

pub const CITIES: &[&str] = &[
    "Berlin", "Lyon", "Leeds", "Porto", "Osaka", "Austin", "Turin", "Ghent", "Malmo", "Cork",
];

pub const COUNTRIES: &[&str] = &["DE", "FR", "GB", "PT", "JP", "US", "IT", "BE", "SE", "IE"];

pub const ADJECTIVES: &[&str] = &[
    "lightweight",
    "stainless",
    "organic",
    "waterproof",
    "ergonomic",
    "compact",
    "recycled",
    "insulated",
    "handmade",
    "adjustable",
    "foldable",
    "durable",
    "breathable",
    "matte",
    "wireless",
    "rechargeable",
];

pub const MATERIALS: &[&str] = &[
    "steel",
    "cotton",
    "merino wool",
    "bamboo",
    "oak",
    "ceramic",
    "aluminium",
    "linen",
    "silicone",
    "leather",
    "glass",
    "walnut",
];

pub const PRODUCTS: &[&str] = &[
    "water bottle",
    "backpack",
    "desk lamp",
    "coffee grinder",
    "running jacket",
    "cutting board",
    "headphones",
    "notebook",
    "travel mug",
    "yoga mat",
    "keyboard",
    "teapot",
    "sleeping bag",
    "umbrella",
    "plant pot",
    "bike light",
];

pub const FEATURES: &[&str] = &[
    "keeps drinks cold for a full day",
    "fits a laptop up to fifteen inches",
    "ships in plastic-free packaging",
    "is dishwasher safe except for the lid",
    "comes with a two year warranty",
    "charges over a standard cable",
    "folds flat for storage",
    "is made to order in small batches",
    "resists light rain and snow",
    "has a soft brushed finish",
];

pub const SERVICES: &[&str] = &[
    "catalog-api",
    "checkout",
    "search",
    "inventory",
    "pricing",
    "gateway",
    "recommender",
];

pub const ROUTES: &[&str] = &[
    "/v2/items",
    "/v2/carts",
    "/v1/search",
    "/v2/stock",
    "/v1/prices",
    "/v3/recommendations",
];

pub const LEVELS: &[&str] = &["INFO", "INFO", "INFO", "DEBUG", "WARN"];

pub const METHODS: &[&str] = &["GET", "GET", "GET", "POST", "PUT"];

pub const CACHE: &[&str] = &["hit", "miss", "stale", "bypass"];

pub const CONNECTORS: &[&str] = &[
    "Yesterday",
    "According to the ticket",
    "In the follow-up",
    "Later that day",
    "As noted by support",
    "During the callback",
];
