//! Every public type is `Send + Sync` (and the owned ones `'static`), so they cross threads.

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn public_types_are_send_and_sync() {
    assert_send_sync::<zoomconn::ConnectionString>();
    assert_send_sync::<zoomconn::Iter<'_>>();
    assert_send_sync::<zoomconn::Tokenizer<'_>>();
    assert_send_sync::<zoomconn::Segment<'_>>();
    assert_send_sync::<zoomconn::ParseError>();
    assert_send_sync::<zoomconn::WriteError>();
    assert_send_sync::<zoomconn::ErrorKind>();
    assert_send_sync::<zoomconn::Syntax>();
    assert_send_sync::<zoomconn::Position>();
    assert_send_sync::<zoomconn::Config>();
    assert_send_sync::<zoomconn::ConfigBuilder>();
    assert_send_sync::<zoomconn::CallbackUrl<'_>>();
    assert_send_sync::<zoomconn::Error>();
    assert_send_sync::<zoomconn::EnumError>();
    assert_send_sync::<zoomconn::AuthScheme>();
    assert_send_sync::<zoomconn::InitiateOAuth>();
    assert_send_sync::<zoomconn::Secret>();
    assert_send_sync::<zoomconn::Report>();
    assert_send_sync::<zoomconn::Finding>();
    assert_send_sync::<zoomconn::Rule>();
    assert_send_sync::<zoomconn::Severity>();
    assert_send_sync::<zoomconn::registry::Property>();
}
