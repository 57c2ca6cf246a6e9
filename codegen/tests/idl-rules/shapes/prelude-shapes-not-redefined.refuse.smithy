// refused at 5:11: Conflicting shape definition for `smithy.api#String`
$version: "2"
namespace smithy.api

structure String {}
