// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {HexToken} from "../../src/HexToken.sol";
import {IPlots} from "../../src/interfaces/IPlots.sol";
import {Plots} from "../../src/Plots.sol";

/// @dev Random buys, listings, gifts, sales, cancels and offers (made, raised or lowered, cancelled,
/// returned once dead, accepted) over a handful of cells and four accounts.
contract PlotsHandler is Test {
    Plots public plots;
    HexToken public token;
    address[4] public users = [address(0xB1), address(0xB2), address(0xB3), address(0xB4)];
    uint256[5] public cells =
        [0x871fb4662ffffff, 0x871fb4663ffffff, 0x871fb4664ffffff, 0x871fb4665ffffff, 0x871fb4666ffffff];

    constructor(Plots plots_, HexToken token_, address treasury) {
        plots = plots_;
        token = token_;
        for (uint256 i; i < users.length; ++i) {
            vm.prank(treasury);
            token.transfer(users[i], 1_000_000e18);
            vm.prank(users[i]);
            token.approve(address(plots), type(uint256).max);
        }
    }

    function buy(uint256 u, uint256 c) external {
        uint256 cell = cells[c % 5];
        if (_isOwned(cell)) return;
        vm.prank(users[u % 4]);
        plots.buy(cell, type(uint256).max);
    }

    function list(uint256 c, uint256 price, uint64 ttl) external {
        uint256 cell = cells[c % 5];
        if (!_isOwned(cell)) return;
        vm.prank(plots.ownerOf(cell));
        plots.list(cell, bound(price, 1, 1000e18), uint64(block.timestamp + bound(ttl, 1, 30 days)));
    }

    function gift(uint256 c, uint256 to) external {
        uint256 cell = cells[c % 5];
        if (!_isOwned(cell)) return;
        address owner = plots.ownerOf(cell);
        vm.prank(owner);
        plots.transferFrom(owner, users[to % 4], cell);
    }

    function buyListed(uint256 u, uint256 c) external {
        uint256 cell = cells[c % 5];
        IPlots.Listing memory l = plots.listingOf(cell);
        address buyer = users[u % 4];
        if (l.seller == address(0) || l.seller == buyer || block.timestamp > l.expiry) return;
        vm.prank(buyer);
        plots.buyListed(cell, l.price);
    }

    function cancel(uint256 c) external {
        uint256 cell = cells[c % 5];
        IPlots.Listing memory l = plots.listingOf(cell);
        if (l.seller == address(0)) return;
        vm.prank(l.seller);
        plots.cancel(cell);
    }

    function makeOffer(uint256 u, uint256 c, uint256 amount, uint64 ttl) external {
        uint256 cell = cells[c % 5];
        if (!_isOwned(cell) || plots.ownerOf(cell) == users[u % 4]) return;
        vm.prank(users[u % 4]);
        plots.makeOffer(cell, bound(amount, 1, 1000e18), uint64(block.timestamp + bound(ttl, 1, 30 days)));
    }

    function cancelOffer(uint256 u, uint256 c) external {
        uint256 cell = cells[c % 5];
        if (plots.offerOf(cell, users[u % 4]).amount == 0) return;
        vm.prank(users[u % 4]);
        plots.cancelOffer(cell);
    }

    /// @dev Anyone returning an offer: reverts (and changes nothing) while it is still live.
    function withdrawOffer(uint256 u, uint256 c) external {
        uint256 cell = cells[c % 5];
        address buyer = users[u % 4];
        IPlots.Offer memory o = plots.offerOf(cell, buyer);
        if (o.amount == 0) return;
        uint256 before = token.balanceOf(buyer);
        try plots.withdrawOffer(cell, buyer) {
            assertTrue(block.timestamp > o.expiry || plots.ownerOf(cell) != o.seller, "withdrew a live offer");
            assertEq(token.balanceOf(buyer) - before, o.amount);
        } catch {}
    }

    /// @dev The owner accepts a random buyer's offer for exactly what it was shown; live offers always go through.
    function acceptOffer(uint256 u, uint256 c) external {
        uint256 cell = cells[c % 5];
        if (!_isOwned(cell)) return;
        address owner = plots.ownerOf(cell);
        address buyer = users[u % 4];
        IPlots.Offer memory o = plots.offerOf(cell, buyer);
        uint256 proceeds = o.amount - o.amount * plots.marketFeeBps() / 10_000;
        uint256 ownerBefore = token.balanceOf(owner);
        vm.prank(owner);
        try plots.acceptOffer(cell, buyer, proceeds) {
            assertEq(plots.ownerOf(cell), buyer);
            assertEq(token.balanceOf(owner) - ownerBefore, proceeds);
        } catch {
            bool live = o.amount != 0 && o.seller == owner && block.timestamp <= o.expiry;
            assertFalse(live, "a live offer could not be accepted");
        }
    }

    function warp(uint256 secs) external {
        vm.warp(block.timestamp + bound(secs, 1, 3 days));
    }

    /// @dev Every open offer's HXA (live or dead): what Plots must hold.
    function openOffersTotal() external view returns (uint256 sum) {
        for (uint256 c; c < cells.length; ++c) {
            for (uint256 u; u < users.length; ++u) {
                sum += plots.offerOf(cells[c], users[u]).amount;
            }
        }
    }

    function _isOwned(uint256 cell) internal view returns (bool) {
        try plots.ownerOf(cell) returns (address) {
            return true;
        } catch {
            return false;
        }
    }

    function cellCount() external pure returns (uint256) {
        return 5;
    }
}

contract PlotsInvariantTest is Test {
    Plots internal plots;
    HexToken internal token;
    PlotsHandler internal handler;
    address internal treasury = makeAddr("treasury");

    function setUp() public {
        token = new HexToken(treasury);
        plots = new Plots(token, address(this), treasury, 10e18);
        handler = new PlotsHandler(plots, token, treasury);
        targetContract(address(handler));
    }

    function invariant_listingBelongsToCurrentOwner() public view {
        for (uint256 i; i < handler.cellCount(); ++i) {
            uint256 cell = handler.cells(i);
            IPlots.Listing memory l = plots.listingOf(cell);
            if (l.seller != address(0)) assertEq(l.seller, plots.ownerOf(cell));
        }
    }

    /// @dev Plots holds exactly the open offers: every other payment goes straight to the treasury or
    /// the seller.
    function invariant_plotsHoldsExactlyOpenOffers() public view {
        assertEq(token.balanceOf(address(plots)), handler.openOffersTotal());
        assertEq(token.totalSupply(), token.FIXED_SUPPLY());
    }

    /// @dev No account ever has an offer on a plot it was offered on as its owner.
    function invariant_offerNeverToItsBuyer() public view {
        for (uint256 i; i < handler.cellCount(); ++i) {
            for (uint256 u; u < 4; ++u) {
                IPlots.Offer memory o = plots.offerOf(handler.cells(i), handler.users(u));
                if (o.amount != 0) assertTrue(o.seller != handler.users(u) && o.seller != address(0));
            }
        }
    }
}
