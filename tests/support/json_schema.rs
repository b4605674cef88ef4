//! A JSON Schema (2020-12) checker for the keywords `schema/` uses, so that
//! the tests can hold the program's output to the schema without a
//! validator crate. A keyword it does not know fails the check: the schema
//! cannot say more than the tests check.

use serde_json::Value as Json;

const ANNOTATIONS: [&str; 5] = ["$schema", "$id", "title", "description", "$defs"];

/// The places where `value` breaks `schema` (empty when it conforms).
pub fn check(root: &Json, value: &Json) -> Vec<String> {
    let mut errors = Vec::new();
    check_at(root, root, value, "$", &mut errors);
    errors
}

fn type_matches(name: &str, value: &Json) -> bool {
    match name {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "number" => value.is_number(),
        "integer" => value.is_i64() || value.is_u64(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        other => panic!("unknown type {other}"),
    }
}

fn check_at(root: &Json, schema: &Json, value: &Json, at: &str, errors: &mut Vec<String>) {
    let schema = schema.as_object().expect("a schema is an object");
    for (keyword, rule) in schema {
        match keyword.as_str() {
            k if ANNOTATIONS.contains(&k) => {}
            "$ref" => {
                let path = rule
                    .as_str()
                    .unwrap()
                    .strip_prefix("#/")
                    .expect("a local $ref");
                let target = path.split('/').fold(root, |s, part| &s[part]);
                assert!(!target.is_null(), "no {path} in the schema");
                check_at(root, target, value, at, errors);
            }
            "type" => {
                let names: Vec<&str> = match rule {
                    Json::String(s) => vec![s.as_str()],
                    Json::Array(a) => a.iter().map(|t| t.as_str().unwrap()).collect(),
                    _ => panic!("bad type"),
                };
                if !names.iter().any(|n| type_matches(n, value)) {
                    errors.push(format!("{at}: {value} is not of type {names:?}"));
                }
            }
            "enum" => {
                if !rule.as_array().unwrap().contains(value) {
                    errors.push(format!("{at}: {value} is not one of {rule}"));
                }
            }
            "pattern" => {
                if let Some(s) = value.as_str() {
                    let re = regex::Regex::new(rule.as_str().unwrap()).unwrap();
                    if !re.is_match(s) {
                        errors.push(format!("{at}: {s:?} does not match {rule}"));
                    }
                }
            }
            "minimum" | "maximum" => {
                if let (Some(n), Some(bound)) = (value.as_f64(), rule.as_f64()) {
                    let ok = if keyword == "minimum" {
                        n >= bound
                    } else {
                        n <= bound
                    };
                    if !ok {
                        errors.push(format!("{at}: {n} is beyond the {keyword} {bound}"));
                    }
                }
            }
            "required" => {
                if let Some(object) = value.as_object() {
                    for name in rule.as_array().unwrap() {
                        if !object.contains_key(name.as_str().unwrap()) {
                            errors.push(format!("{at}: {name} is missing"));
                        }
                    }
                }
            }
            "minProperties" => {
                if let Some(object) = value.as_object()
                    && (object.len() as u64) < rule.as_u64().unwrap()
                {
                    errors.push(format!(
                        "{at}: {} properties, fewer than {rule}",
                        object.len()
                    ));
                }
            }
            "properties" => {
                if let Some(object) = value.as_object() {
                    for (name, sub) in rule.as_object().unwrap() {
                        if let Some(v) = object.get(name) {
                            check_at(root, sub, v, &format!("{at}.{name}"), errors);
                        }
                    }
                }
            }
            "additionalProperties" => {
                if let Some(object) = value.as_object() {
                    let known = schema.get("properties").and_then(Json::as_object);
                    for (name, v) in object {
                        if known.is_some_and(|k| k.contains_key(name)) {
                            continue;
                        }
                        match rule {
                            Json::Bool(false) => {
                                errors.push(format!("{at}: {name:?} is not allowed"))
                            }
                            Json::Bool(true) => {}
                            sub => check_at(root, sub, v, &format!("{at}.{name}"), errors),
                        }
                    }
                }
            }
            "propertyNames" => {
                if let Some(object) = value.as_object() {
                    for name in object.keys() {
                        let key = Json::String(name.clone());
                        check_at(root, rule, &key, &format!("{at} key {name:?}"), errors);
                    }
                }
            }
            "items" => {
                if let Some(items) = value.as_array() {
                    for (i, v) in items.iter().enumerate() {
                        check_at(root, rule, v, &format!("{at}[{i}]"), errors);
                    }
                }
            }
            other => panic!("the schema uses {other}, which this checker does not check"),
        }
    }
}
