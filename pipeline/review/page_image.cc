// Page images of the review: turned into the boxes' reading frame, encoded as WebP.
#include <webp/encode.h>

#include <cmath>
#include <cstdint>
#include <cstring>

#include "pipeline/review/review.h"

namespace budgetx::review {

GreyImage ToReadingFrame(const GreyImage& image, int turns, double pivot) {
  if (turns != 1 && turns != 3) return image;
  const int p = static_cast<int>(std::lround(pivot * image.dpi / 72.0));
  GreyImage out;
  out.dpi = image.dpi;
  // turns 1: x' = y, y' = p - x; turns 3: x' = p - y, y' = x (model.h, Page::pivot).
  out.width = turns == 1 ? image.height : p;
  out.height = turns == 1 ? p : image.width;
  out.pixels.assign(static_cast<size_t>(out.width) * static_cast<size_t>(out.height), 255);
  for (int v = 0; v < out.height; ++v) {
    for (int u = 0; u < out.width; ++u) {
      const int x = turns == 1 ? p - 1 - v : v;
      const int y = turns == 1 ? u : p - 1 - u;
      if (x < 0 || y < 0 || x >= image.width || y >= image.height) continue;
      out.pixels[static_cast<size_t>(v) * out.width + u] = image.pixels[static_cast<size_t>(y) * image.width + x];
    }
  }
  return out;
}

bool EncodeWebp(const GreyImage& image, int quality, std::string* out) {
  if (image.width <= 0 || image.height <= 0) return false;
  WebPConfig config;
  if (!WebPConfigInit(&config)) return false;
  config.quality = static_cast<float>(quality);
  config.method = 2;  // of 0 (fastest) … 6: within a few per cent of 4's size at half its time
  WebPPicture picture;
  if (!WebPPictureInit(&picture)) return false;
  picture.width = image.width;
  picture.height = image.height;
  picture.use_argb = 0;
  picture.colorspace = WEBP_YUV420;
  if (!WebPPictureAlloc(&picture)) return false;
  // Grey is luma alone, in WebP's video range (16–235); the chroma planes stay neutral.
  uint8_t luma[256];
  for (int g = 0; g < 256; ++g) luma[g] = static_cast<uint8_t>(16 + (g * 219 + 127) / 255);
  for (int y = 0; y < image.height; ++y) {
    const uint8_t* grey = image.pixels.data() + static_cast<size_t>(y) * image.width;
    uint8_t* row = picture.y + static_cast<size_t>(y) * picture.y_stride;
    for (int x = 0; x < image.width; ++x) row[x] = luma[grey[x]];
  }
  for (int y = 0; y < (image.height + 1) / 2; ++y) {
    std::memset(picture.u + static_cast<size_t>(y) * picture.uv_stride, 128, (image.width + 1) / 2);
    std::memset(picture.v + static_cast<size_t>(y) * picture.uv_stride, 128, (image.width + 1) / 2);
  }
  WebPMemoryWriter writer;
  WebPMemoryWriterInit(&writer);
  picture.writer = WebPMemoryWrite;
  picture.custom_ptr = &writer;
  const bool ok = WebPEncode(&config, &picture) != 0;
  if (ok) out->assign(reinterpret_cast<const char*>(writer.mem), writer.size);
  WebPMemoryWriterClear(&writer);
  WebPPictureFree(&picture);
  return ok;
}

}  // namespace budgetx::review
