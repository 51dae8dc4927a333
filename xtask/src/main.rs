fn main() {
    let d = kassa::catalog::describe();
    println!("{}", serde_json::to_string_pretty(&d).unwrap());
}
