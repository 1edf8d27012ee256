//! The published table schemas (`tests/vectors/tables/schemas.json`): every
//! table of `okrkit::table` has exactly these columns, types and order.

mod common;

#[test]
fn table_schemas_are_the_published_ones() {
    for (name, v) in common::load_vectors("tables") {
        let tables = v["tables"].as_object().expect("tables");
        let published: Vec<&str> = tables.keys().map(String::as_str).collect();
        let ours: Vec<&str> = okrkit::table::SCHEMAS.iter().map(|(n, _)| *n).collect();
        let (mut a, mut b) = (published.clone(), ours.clone());
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b, "{name}: table names");
        for (table, columns) in tables {
            let schema = okrkit::table::schema(table).expect("schema");
            let want: Vec<(String, String)> = columns
                .as_array()
                .expect("columns")
                .iter()
                .map(|c| {
                    (
                        c[0].as_str().expect("name").to_owned(),
                        c[1].as_str().expect("dtype").to_owned(),
                    )
                })
                .collect();
            let got: Vec<(String, String)> = schema
                .iter()
                .map(|c| (c.name.to_owned(), c.dtype.as_str().to_owned()))
                .collect();
            assert_eq!(got, want, "{name}: {table}");
        }
    }
}
