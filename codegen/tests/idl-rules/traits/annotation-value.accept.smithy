$version: "2"
namespace smithy.example

@trait
list marks {
    member: String
}

@marks
@sensitive()
string Note
