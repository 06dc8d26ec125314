use super::*;

fn seen(reader: Reader, text: &str) -> Vec<(String, Option<String>)> {
    let reading = reader.read(text);
    reading
        .loaded()
        .iter()
        .map(|e| (e.key.to_string(), reading.value(e)))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, Option<String>)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), Some(v.to_string())))
        .collect()
}

#[test]
fn plain_lines_read_alike() {
    let text = "# c\nA=1\nexport B='two words' # note\nC=\"x\"\n";
    for reader in Reader::ALL {
        assert_eq!(
            seen(reader, text),
            pairs(&[("A", "1"), ("B", "two words"), ("C", "x")]),
            "{}",
            reader.name()
        );
    }
}
